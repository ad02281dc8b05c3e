package org.earshot.speech.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Synthetic channels with speech-like bursts (a 150 Hz voice with harmonics, syllable-rate
 * modulated) at known places over different backgrounds.
 */
class VoiceActivityTest {

    static final int RATE = 8000;

    @Test
    void burstsOverDigitalSilenceAreFoundWhereTheyWere() {
        short[] ch = new Channel(6.0).voice(0.5, 2.0, -18).voice(3.0, 5.2, -24).samples();

        assertSpurts(VoiceActivity.spurts(ch, RATE), 0.5, 2.0, 3.0, 5.2);
    }

    @Test
    void burstsOverLineHissAreFoundAndTheHissIsNot() {
        short[] ch = new Channel(8.0).hiss(-50).voice(1.0, 3.0, -20).voice(5.5, 7.0, -26).samples();

        assertSpurts(VoiceActivity.spurts(ch, RATE), 1.0, 3.0, 5.5, 7.0);
    }

    @Test
    void steadyHissAloneIsNotSpeech() {
        assertThat(VoiceActivity.spurts(new Channel(10.0).hiss(-45).samples(), RATE)).isEmpty();
    }

    @Test
    void hissThatGetsLouderMidCallIsSpeechAtMostUntilTheFloorHasAdapted() {
        short[] ch = new Channel(16.0).hiss(-60).hissFrom(5.0, -42).samples();

        // NoiseFloor's window needs 80 % of its 6 s to see the new level: 2.4 s of lag
        assertThat(VoiceActivity.spurts(ch, RATE)).allSatisfy(s -> {
            assertThat(s.start()).isGreaterThanOrEqualTo(4.9);
            assertThat(s.end()).isLessThanOrEqualTo(7.6);
        });
    }

    @Test
    void quietSpeechAfterTheLineGotNoisierIsStillFound() {
        short[] ch = new Channel(16.0).hiss(-62).hissFrom(6.0, -45).voice(2.0, 3.5, -22).voice(11.0, 13.0, -28).samples();

        // leave out the floor's adaptation time after the change at 6 s (see the test above)
        List<Spurt> settled = VoiceActivity.spurts(ch, RATE).stream().filter(s -> s.start() < 6.0 || s.start() > 8.5).toList();
        // the -28 dB burst ends in a modulation trough only ~6 dB above the -45 dB hiss: allow 0.1 s there
        assertSpurtsWithin(0.1, settled, 2.0, 3.5, 11.0, 13.0);
    }

    @Test
    void muLawIdleNoiseOnADigitalLegIsNotSpeech() {
        // a leg that is silent but for the +-8 LSB steps G.711 decodes its idle codes to
        short[] ch = new short[RATE * 5];
        Random random = new Random(7);
        for (int i = 0; i < ch.length; i++) {
            ch[i] = (short) (random.nextInt(3) - 1) ;
            ch[i] *= 8;
        }
        assertThat(VoiceActivity.spurts(ch, RATE)).isEmpty();
    }

    @Test
    void pausesShorterThan300msAreBridged() {
        short[] ch = new Channel(4.0).voice(0.5, 1.5, -20).voice(1.75, 2.5, -20).samples();

        assertSpurts(VoiceActivity.spurts(ch, RATE), 0.5, 2.5);
    }

    @Test
    void pausesOf300msOrMoreSplitSpurts() {
        short[] ch = new Channel(4.0).voice(0.5, 1.5, -20).voice(1.9, 2.5, -20).samples();

        assertSpurts(VoiceActivity.spurts(ch, RATE), 0.5, 1.5, 1.9, 2.5);
    }

    @Test
    void spurtsShorterThan100msAreDropped() {
        short[] ch = new Channel(3.0).hiss(-55).voice(1.0, 1.06, -15).samples();

        assertThat(VoiceActivity.spurts(ch, RATE)).isEmpty();
    }

    @Test
    void bridgingThenDroppingFollowTheSpecOrder() {
        assertThat(VoiceActivity.dropShort(VoiceActivity.bridge(List.of(new Spurt(0, 5), new Spurt(20, 26)))))
                .containsExactly(new Spurt(0, 26));
        assertThat(VoiceActivity.dropShort(VoiceActivity.bridge(List.of(new Spurt(0, 5), new Spurt(40, 60)))))
                .containsExactly(new Spurt(40, 60));
    }

    /** Edges within 30 ms: a burst's own 10 ms fade and frame rounding. */
    private static void assertSpurts(List<Spurt> spurts, double... edges) {
        assertSpurtsWithin(0.03, spurts, edges);
    }

    private static void assertSpurtsWithin(double tolerance, List<Spurt> spurts, double... edges) {
        assertThat(spurts).hasSize(edges.length / 2);
        for (int i = 0; i < spurts.size(); i++) {
            assertThat(spurts.get(i).start()).as("start of spurt %d", i).isCloseTo(edges[2 * i], within(tolerance));
            assertThat(spurts.get(i).end()).as("end of spurt %d", i).isCloseTo(edges[2 * i + 1], within(tolerance));
        }
    }

    /** A mono 8 kHz test channel built from layers. */
    static final class Channel {
        final double[] x;
        final Random random = new Random(42);

        Channel(double seconds) {
            x = new double[(int) (seconds * RATE)];
        }

        /** White noise at {@code dbfs} RMS over the whole channel. */
        Channel hiss(double dbfs) {
            return hissFrom(0, dbfs);
        }

        Channel hissFrom(double from, double dbfs) {
            double rms = Math.pow(10, dbfs / 20);
            for (int i = (int) (from * RATE); i < x.length; i++) {
                x[i] += random.nextGaussian() * rms;
            }
            return this;
        }

        /** Voiced sound at roughly {@code dbfs} RMS with 4 Hz syllable modulation that never fully closes. */
        Channel voice(double from, double to, double dbfs) {
            double amp = Math.pow(10, dbfs / 20) * 1.4;
            int a = (int) (from * RATE);
            int b = (int) (to * RATE);
            int fade = RATE / 100;
            for (int i = a; i < b; i++) {
                double t = (double) i / RATE;
                double voiced = 0;
                for (int h = 1; h <= 8; h++) {
                    voiced += Math.sin(2 * Math.PI * 150 * h * t) / h;
                }
                double syllables = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
                double edge = Math.min(1, Math.min(i - a, b - 1 - i) / (double) fade);
                x[i] += amp * 0.55 * voiced * syllables * edge;
            }
            return this;
        }

        short[] samples() {
            short[] s = new short[x.length];
            for (int i = 0; i < x.length; i++) {
                s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768)));
            }
            return s;
        }
    }
}
