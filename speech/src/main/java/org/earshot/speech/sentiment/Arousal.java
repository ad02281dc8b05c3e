package org.earshot.speech.sentiment;

import java.util.ArrayList;
import java.util.List;
import org.earshot.speech.prosody.PartyProsody;
import org.earshot.speech.vad.Spurt;

/**
 * How aroused a speaker sounds in each spurt relative to their own baseline in this call: a voice is
 * only "raised" against itself, never against someone else's. Pitch, loudness and rate are the
 * arousal correlates that survive the telephone band (Scherer 2003, "Vocal communication of
 * emotion", Speech Communication 40).
 *
 * <p>The baseline of each measure is the lower quartile over the speaker's spurts (one vote per
 * spurt, so a long rant does not outvote a short calm opening): how they sound when calm. A
 * median or talk-weighted baseline would call nothing raised in a call where the caller is upset
 * for most of it, which is exactly the call a reviewer needs to see.
 */
final class Arousal {

    /** Deviations that count as one unit of arousal each: about what listeners hear as clearly raised. */
    static final double PITCH_UNIT_ST = 4.0;
    static final double LOUDNESS_UNIT_DB = 6.0;
    static final double RATE_UNIT = 0.30;
    /** Below half a second a spurt's median pitch and syllable rate are too noisy to judge. */
    static final int MIN_FRAMES = 50;
    static final double BASELINE_QUANTILE = 0.25;

    /** One spurt against the baseline; a NaN component was not measurable. */
    record SpurtArousal(Spurt spurt, double pitchSt, double loudnessDb, double rateChange, double arousal) {
    }

    private Arousal() {
    }

    static List<SpurtArousal> of(PartyProsody prosody, List<Spurt> spurts) {
        List<Spurt> judged = spurts.stream().filter(s -> s.frames() >= MIN_FRAMES).toList();
        List<double[]> values = new ArrayList<>(); // per spurt: pitch Hz, loudness dB, syllables per second
        for (Spurt s : judged) {
            values.add(new double[] {prosody.pitchMedianHz(s.startFrame(), s.endFrame()),
                    prosody.loudnessDb(s.startFrame(), s.endFrame()),
                    prosody.syllables(s.startFrame(), s.endFrame()) / s.seconds()});
        }
        double pitchBase = baseline(values, 0);
        double loudBase = baseline(values, 1);
        double rateBase = baseline(values, 2);
        List<SpurtArousal> out = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            double[] v = values.get(i);
            double pitch = 12 * Math.log(v[0] / pitchBase) / Math.log(2);
            double loudness = v[1] - loudBase;
            double rate = rateBase > 0 ? v[2] / rateBase - 1 : Double.NaN;
            out.add(new SpurtArousal(judged.get(i), pitch, loudness, rate, combine(pitch, loudness, rate)));
        }
        return out;
    }

    /** Lower quartile of measure {@code k} over the spurts where it is measurable (one vote per spurt); NaN if none. */
    private static double baseline(List<double[]> values, int k) {
        double[] v = values.stream().mapToDouble(x -> x[k]).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = BASELINE_QUANTILE * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /** Mean of the measurable components in units, clamped to [-1, 1]. */
    static double combine(double pitchSt, double loudnessDb, double rateChange) {
        double sum = 0;
        int n = 0;
        for (double unit : new double[] {pitchSt / PITCH_UNIT_ST, loudnessDb / LOUDNESS_UNIT_DB, rateChange / RATE_UNIT}) {
            if (!Double.isNaN(unit)) {
                sum += unit;
                n++;
            }
        }
        return n == 0 ? 0 : Math.max(-1, Math.min(1, sum / n));
    }
}
