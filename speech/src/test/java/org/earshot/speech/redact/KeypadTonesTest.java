package org.earshot.speech.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.earshot.speech.audio.Recording;
import org.earshot.speech.audio.RecordingReader;
import org.junit.jupiter.api.Test;

class KeypadTonesTest {

    /** Scenario D of the fixtures' README: PlayTones digits on the left (customer) channel only. */
    private static final Path DTMF_CALL =
            Path.of("src/test/resources/asterisk/20261204-150837-5550204-earshot-lab-1796396917.21-stereo.raw");

    @Test
    void theAsteriskPlayTonesRecordingDecodesToItsSixteenDigitsAtTheTimesTheReadmeGives() throws IOException {
        Recording rec = RecordingReader.read(DTMF_CALL);

        List<KeypadTones.Tone> left = KeypadTones.tones(rec.channel(0), rec.sampleRate());

        assertThat(left.stream().map(t -> String.valueOf(t.key())).collect(Collectors.joining()))
                .isEqualTo("1234567890123456");
        assertThat(left.get(0).start()).isCloseTo(8.56, within(0.04));
        assertThat(left.get(15).end()).isCloseTo(14.72, within(0.04));
        assertThat(left).allSatisfy(t -> assertThat(t.end() - t.start()).isCloseTo(0.20, within(0.04)));
        assertThat(KeypadTones.tones(rec.channel(1), rec.sampleRate())).isEmpty();
    }

    @Test
    void theAsteriskRecordingGivesOneKeypadSpanOnTheCustomerChannel() throws IOException {
        Recording rec = RecordingReader.read(DTMF_CALL);

        List<Finding> left = KeypadTones.find("customer", rec.channel(0), rec.sampleRate());

        assertThat(left).hasSize(1);
        assertThat(left.get(0).kind()).isEqualTo(Finding.KEYPAD_DIGITS);
        assertThat(left.get(0).start()).isCloseTo(8.56, within(0.04));
        assertThat(left.get(0).end()).isCloseTo(14.72, within(0.04));
        assertThat(KeypadTones.find("agent", rec.channel(1), rec.sampleRate())).isEmpty();
    }

    private static void tone(short[] out, int rate, double at, double seconds, double low, double high, double dbfs) {
        double amp = 32767 * Math.pow(10, dbfs / 20);
        for (int i = (int) (at * rate); i < (int) ((at + seconds) * rate); i++) {
            double t = (double) i / rate;
            out[i] += (short) Math.round(amp * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t)));
        }
    }

    @Test
    void quietTonesAreFoundUnderNoiseButThreeKeysAreNotARun() {
        int rate = 8000;
        short[] s = new short[rate * 10];
        Random noise = new Random(7);
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (noise.nextGaussian() * 30);
        }
        for (int k = 0; k < 4; k++) {
            tone(s, rate, 1 + 0.15 * k, 0.07, 852, 1477, -30); // "9" pressed fast, quietly
        }
        for (int k = 0; k < 3; k++) {
            tone(s, rate, 6 + 0.4 * k, 0.1, 697, 1209, -10);
        }

        assertThat(KeypadTones.tones(s, rate)).extracting(KeypadTones.Tone::key)
                .containsExactly('9', '9', '9', '9', '1', '1', '1');
        assertThat(KeypadTones.find("customer", s, rate)).hasSize(1);
    }

    @Test
    void aSingleFrequencyOrAFarTwistedPairIsNotAKey() {
        int rate = 8000;
        short[] s = new short[rate * 3];
        tone(s, rate, 0.1, 0.5, 697, 697, -10);
        tone(s, rate, 1.0, 0.5, 0, 0, -10);
        short[] twisted = new short[rate];
        tone(twisted, rate, 0.1, 0.5, 697, 697, -6);
        tone(twisted, rate, 0.1, 0.5, 1209, 1209, -26);

        assertThat(KeypadTones.tones(s, rate)).isEmpty();
        assertThat(KeypadTones.tones(twisted, rate)).isEmpty();
    }
}
