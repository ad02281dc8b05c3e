package org.earshot.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTelephoneAudioTest {

    private static final int ESPEAK_RATE = 22050;

    @Test
    void resamplingTo8kHzKeepsAVoiceBandToneAndItsLevel() {
        double[] out = TelephoneAudio.resample(tone(1000, 0.5, ESPEAK_RATE), ESPEAK_RATE, 8000);
        assertThat(out.length).isEqualTo(8000);
        assertThat(rms(out, 200, 7800)).isCloseTo(0.5 / Math.sqrt(2), within(0.01));
        // Still 1 kHz: two zero crossings a period.
        assertThat(zeroCrossings(out, 200, 7800)).isCloseTo(2 * 1000 * 7600 / 8000, within(4));
    }

    @Test
    void resamplingRemovesWhatAnEightKilohertzLineCannotCarryInsteadOfFoldingItIntoTheBand() {
        double[] out = TelephoneAudio.resample(tone(6000, 0.5, ESPEAK_RATE), ESPEAK_RATE, 8000);
        assertThat(rms(out, 200, 7800)).isLessThan(0.005);
    }

    @Test
    void highPassTakesOutHumBelowTheTelephoneBand() {
        double[] out = TelephoneAudio.highPass(tone(60, 0.5, 8000));
        assertThat(rms(out, 800, 8000)).isLessThan(0.5 / Math.sqrt(2) * 0.1);
    }

    @Test
    void lineLevelClipIsTrimmedOfSilenceAndPeaksAtTheAskedLevel() {
        double[] samples = new double[ESPEAK_RATE * 2];
        System.arraycopy(tone(500, 0.3, ESPEAK_RATE), 0, samples, ESPEAK_RATE / 2, ESPEAK_RATE);
        double[] line = TelephoneAudio.toLine(new Synthesizer.Speech(samples, ESPEAK_RATE), -6);
        assertThat(line.length / 8000.0).isCloseTo(1.0, within(0.01));
        double peak = java.util.Arrays.stream(line).map(Math::abs).max().orElseThrow();
        assertThat(20 * Math.log10(peak)).isCloseTo(-6, within(0.01));
    }

    @Test
    void readsEspeakStdoutWavWhoseHeaderCannotKnowItsSize() throws Exception {
        // espeak-ng --stdout cannot seek back, so RIFF and data sizes are placeholders (0x7ffff000-ish).
        short[] pcm = {0, 1000, -1000, 32767, -32768};
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0x7ffff024).put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(ESPEAK_RATE).putInt(ESPEAK_RATE * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0x7ffff000);
        for (short s : pcm) {
            b.putShort(s);
        }
        Synthesizer.Speech speech = TelephoneAudio.readWav(b.array(), "test");
        assertThat(speech.sampleRate()).isEqualTo(ESPEAK_RATE);
        assertThat(speech.samples()).containsExactly(0, 1000 / 32768.0, -1000 / 32768.0, 32767 / 32768.0, -1);
    }

    private static double[] tone(double hz, double amplitude, int rate) {
        double[] x = new double[rate];
        for (int i = 0; i < x.length; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return x;
    }

    private static double rms(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static int zeroCrossings(double[] x, int from, int to) {
        int n = 0;
        for (int i = from + 1; i < to; i++) {
            if (Math.signum(x[i]) != Math.signum(x[i - 1])) {
                n++;
            }
        }
        return n;
    }
}
