package org.earshot.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.earshot.speech.AudioFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each sample encoding a WAV may carry, decoded from hand-made bytes into the 16-bit samples the
 * analysis holds (at 8 kHz, so no resampling stands between the bytes and the values), and the
 * encodings and bit depths that are refused, by name.
 */
class WavEncodingsTest {

    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;

    @TempDir
    Path tmp;

    @Test
    void eightBitPcmIsUnsignedWith128AsSilence() throws IOException {
        byte[] data = {(byte) 0x80, 0x00, (byte) 0xFF, (byte) 0x81, 0x7F};

        assertThat(mono(WavBytes.riff().fmt(PCM, 1, 8000, 8).chunk("data", data)))
                .containsExactly(0, -32768, 32512, 256, -256);
    }

    @Test
    void twentyFourBitPcmIsRoundedToItsNearestSixteenBitSample() throws IOException {
        byte[] data = int24(0x123456, 0x7FFFFF, -0x800000, -2, 0x0000C0, 0x000100);

        // 0x1234 + 0x56/256 = 4660.34; full scale positive rounds to 32768, clipped; -2/256 rounds to 0
        assertThat(mono(WavBytes.riff().fmt(PCM, 1, 8000, 24).chunk("data", data)))
                .containsExactly(4660, 32767, -32768, 0, 1, 1);
    }

    @Test
    void thirtyTwoBitPcmIsRoundedToItsNearestSixteenBitSample() throws IOException {
        byte[] data = int32(0x12345678, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x00018000, -0x00010000);

        assertThat(mono(WavBytes.riff().fmt(PCM, 1, 8000, 32).chunk("data", data)))
                .containsExactly(4660, 32767, -32768, 2, -1);
    }

    @Test
    void floatIsFullScaleAtOneAndClippedBeyondIt() throws IOException {
        byte[] data = float32(0.5f, -1.0f, -0.25f, 1.0f, 2.5f, 1e-5f, Float.NaN);

        assertThat(mono(WavBytes.riff().fmt(IEEE_FLOAT, 1, 8000, 32).chunk("data", data)))
                .containsExactly(16384, -32768, -8192, 32767, 32767, 0, 0);
    }

    @Test
    void floatInsideWaveFormatExtensibleIsReadPerChannel() throws IOException {
        Path file = WavBytes.riff().fmtExtensible(IEEE_FLOAT, 2, 16000, 32)
                .chunk("data", float32(0.5f, -0.5f, 0.125f, -0.125f)).write(tmp.resolve("float-ext.wav"));

        Recording rec = RecordingReader.read(file);

        assertThat(rec.sampleRate()).isEqualTo(16000);
        assertThat(rec.channel(0)).containsExactly(16384, 4096);
        assertThat(rec.channel(1)).containsExactly(-16384, -4096);
    }

    @Test
    void twentyFourBitInsideWaveFormatExtensibleIsReadPerChannel() throws IOException {
        Path file = WavBytes.riff().fmtExtensible(PCM, 2, 8000, 24)
                .chunk("data", int24(0x010000, -0x010000, 0x7FFF00, -0x7FFF00)).write(tmp.resolve("pcm24-ext.wav"));

        Recording rec = RecordingReader.read(file);

        assertThat(rec.channel(0)).containsExactly(256, 32767);
        assertThat(rec.channel(1)).containsExactly(-256, -32767);
    }

    @Test
    void twelveBitPcmIsRefusedNamingItsDepth() throws IOException {
        assertRefused(WavBytes.riff().fmt(PCM, 1, 8000, 12).chunk("data", new byte[8]), "pcm12.wav",
                "12-bit PCM is not supported (8, 16, 24 or 32-bit)");
    }

    @Test
    void floatOtherThanThirtyTwoBitIsRefusedNamingItsDepth() throws IOException {
        assertRefused(WavBytes.riff().fmt(IEEE_FLOAT, 1, 8000, 64).chunk("data", new byte[16]), "double.wav",
                "64-bit float is not supported (32-bit float only)");
        assertRefused(WavBytes.riff().fmt(IEEE_FLOAT, 1, 8000, 16).chunk("data", new byte[16]), "half.wav",
                "16-bit float is not supported (32-bit float only)");
    }

    @Test
    void sixteenBitG711IsRefused() throws IOException {
        assertRefused(WavBytes.riff().fmt(7, 1, 8000, 16).chunk("data", new byte[16]), "ulaw16.wav",
                "G.711 with 16 bits per sample is not supported (8 bits only)");
    }

    @Test
    void adpcmAndMp3InsideAWavAreRefusedNamingTheEncoding() throws IOException {
        assertRefused(WavBytes.riff().fmt(17, 1, 8000, 4).chunk("data", new byte[256]), "ima.wav",
                "IMA ADPCM (format 17) is not supported");
        assertRefused(WavBytes.riff().fmt(2, 1, 8000, 4).chunk("data", new byte[256]), "msadpcm.wav",
                "Microsoft ADPCM (format 2) is not supported");
        assertRefused(WavBytes.riff().fmt(85, 2, 44100, 0).chunk("data", new byte[417]), "mp3.wav",
                "MP3 (format 85) is not supported");
    }

    @Test
    void moreThanTwoChannelsAreRefusedWhateverTheEncoding() throws IOException {
        assertRefused(WavBytes.riff().fmt(IEEE_FLOAT, 6, 48000, 32).chunk("data", new byte[24]), "surround.wav",
                "6 channels are not supported (mono or 2-channel only)");
    }

    private short[] mono(WavBytes wav) throws IOException {
        return RecordingReader.read(wav.write(tmp.resolve("mono.wav"))).channel(0);
    }

    private void assertRefused(WavBytes wav, String name, String reason) throws IOException {
        Path file = wav.write(tmp.resolve(name));
        assertThatThrownBy(() -> RecordingReader.read(file))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining(name)
                .hasMessageContaining(reason);
    }

    private static byte[] int24(int... samples) {
        ByteBuffer b = ByteBuffer.allocate(3 * samples.length);
        for (int s : samples) {
            b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
        }
        return b.array();
    }

    private static byte[] int32(int... samples) {
        ByteBuffer b = ByteBuffer.allocate(4 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) {
            b.putInt(s);
        }
        return b.array();
    }

    private static byte[] float32(float... samples) {
        ByteBuffer b = ByteBuffer.allocate(4 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            b.putFloat(s);
        }
        return b.array();
    }
}
