package org.earshot.speech.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcmWavHeaderTest {

    @TempDir
    Path tmp;

    @Test
    void aStereoTelephoneWavReadsBackWithItsRateChannelsAndEverySample() throws Exception {
        short[] left = {0, 1000, -1000, 32767};
        short[] right = {-32768, 5, -5, 0};
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        wav.writeBytes(PcmWavHeader.bytes(8000, 2, 16, left.length * 4L));
        ByteBuffer samples = ByteBuffer.allocate(left.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < left.length; i++) {
            samples.putShort(left[i]).putShort(right[i]);
        }
        wav.writeBytes(samples.array());
        Path file = Files.write(tmp.resolve("call.wav"), wav.toByteArray());

        Recording read = RecordingReader.read(file);

        assertThat(read.sampleRate()).isEqualTo(8000);
        assertThat(read.channels()).hasDimensions(2, 4);
        assertThat(read.channels()[0]).containsExactly(left);
        assertThat(read.channels()[1]).containsExactly(right);
        assertThat(read.notes()).as("nothing cut short, nothing resampled").isEmpty();
    }

    @Test
    void javaSoundReadsTheRateChannelsBitsAndLengthTheHeaderDeclares() throws Exception {
        Path file = Files.write(tmp.resolve("wideband.wav"), concat(PcmWavHeader.bytes(16000, 1, 24, 3 * 480), new byte[3 * 480]));

        AudioFileFormat read = AudioSystem.getAudioFileFormat(file.toFile());

        assertThat(read.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        AudioFormat format = read.getFormat();
        assertThat(format.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
        assertThat(format.getSampleRate()).isEqualTo(16000f);
        assertThat(format.getChannels()).isEqualTo(1);
        assertThat(format.getSampleSizeInBits()).isEqualTo(24);
        assertThat(format.isBigEndian()).isFalse();
        assertThat(read.getFrameLength()).isEqualTo(480);
    }

    @Test
    void theHeaderIs44BytesAndTheSamplesStartRightAfterIt() {
        byte[] header = PcmWavHeader.bytes(8000, 2, 16, 1000);

        assertThat(header).hasSize(PcmWavHeader.LENGTH).hasSize(44);
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(4)).as("RIFF size: the file after its first 8 bytes").isEqualTo(36 + 1000);
        assertThat(b.getInt(40)).as("data size").isEqualTo(1000);
    }

    @Test
    void audioPastFourGibibytesIsDeclaredAsTheUnknownSizePlayersReadToTheEnd() {
        ByteBuffer b = ByteBuffer.wrap(PcmWavHeader.bytes(8000, 2, 16, 5L << 30)).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(Integer.toUnsignedLong(b.getInt(4))).isEqualTo(0xFFFFFFFFL);
        assertThat(Integer.toUnsignedLong(b.getInt(40))).isEqualTo(PcmWavHeader.MAX_DATA_LENGTH);
    }

    @Test
    void aFormatNoWavCanHaveIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> PcmWavHeader.bytes(0, 2, 16, 0)).hasMessageContaining("sample rate 0 Hz");
        assertThatThrownBy(() -> PcmWavHeader.bytes(8000, 0, 16, 0)).hasMessageContaining("0 channels");
        assertThatThrownBy(() -> PcmWavHeader.bytes(8000, 2, 12, 0)).hasMessageContaining("12 bits per sample");
        assertThatThrownBy(() -> PcmWavHeader.bytes(8000, 2, 16, -4)).hasMessageContaining("data length -4");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
