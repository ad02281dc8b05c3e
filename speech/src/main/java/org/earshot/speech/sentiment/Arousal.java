package org.earshot.speech.sentiment;

import java.util.ArrayList;
import java.util.List;
import org.earshot.speech.prosody.PartyProsody;
import org.earshot.speech.vad.Spurt;

/**
 * How aroused a speaker sounds in each spurt relative to their own baseline in this call: a voice is
 * only "raised" against itself, never against someone else's. Pitch level and spread, loudness and
 * rate are the arousal correlates that survive the telephone band (Scherer 2003, "Vocal
 * communication of emotion", Speech Communication 40).
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
    /** Spread is an SD: 2 st more of it widens the 5th–95th percentile range by 6.6 st (3.3 SD). */
    static final double SPREAD_UNIT_ST = 2.0;
    /**
     * Spread counts half as much as each other cue: per spurt it also follows what is said, not only
     * how (calm-call's caller, three sentences synthesised with the same voice settings, spreads 1.2,
     * 1.8 and 2.9 st), and pitch-tracking errors land in its tails, which a median level ignores.
     */
    static final double SPREAD_WEIGHT = 0.5;
    /** Below half a second a spurt's median pitch and syllable rate are too noisy to judge. */
    static final int MIN_FRAMES = 50;
    static final double BASELINE_QUANTILE = 0.25;

    /** One spurt against the baseline; a NaN component was not measurable. */
    record SpurtArousal(Spurt spurt, double pitchSt, double spreadSt, double loudnessDb, double rateChange,
                        double arousal) {
    }

    private Arousal() {
    }

    static List<SpurtArousal> of(PartyProsody prosody, List<Spurt> spurts) {
        List<Spurt> judged = spurts.stream().filter(s -> s.frames() >= MIN_FRAMES).toList();
        List<double[]> values = new ArrayList<>(); // per spurt: pitch Hz, spread st, loudness dB, syllables per second
        for (Spurt s : judged) {
            values.add(new double[] {prosody.pitchMedianHz(s.startFrame(), s.endFrame()),
                    prosody.pitchSpreadSemitones(s.startFrame(), s.endFrame()),
                    prosody.loudnessDb(s.startFrame(), s.endFrame()),
                    prosody.syllables(s.startFrame(), s.endFrame()) / s.seconds()});
        }
        double pitchBase = baseline(values, 0);
        double spreadBase = baseline(values, 1);
        double loudBase = baseline(values, 2);
        double rateBase = baseline(values, 3);
        List<SpurtArousal> out = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            double[] v = values.get(i);
            double pitch = 12 * Math.log(v[0] / pitchBase) / Math.log(2);
            double spread = v[1] - spreadBase;
            double loudness = v[2] - loudBase;
            double rate = rateBase > 0 ? v[3] / rateBase - 1 : Double.NaN;
            out.add(new SpurtArousal(judged.get(i), pitch, spread, loudness, rate, combine(pitch, spread, loudness, rate)));
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

    /** Weighted mean of the measurable components in units, clamped to [-1, 1]. */
    static double combine(double pitchSt, double spreadSt, double loudnessDb, double rateChange) {
        double[] units = {pitchSt / PITCH_UNIT_ST, spreadSt / SPREAD_UNIT_ST, loudnessDb / LOUDNESS_UNIT_DB,
                rateChange / RATE_UNIT};
        double[] weights = {1, SPREAD_WEIGHT, 1, 1};
        double sum = 0;
        double weight = 0;
        for (int k = 0; k < units.length; k++) {
            if (!Double.isNaN(units[k])) {
                sum += weights[k] * units[k];
                weight += weights[k];
            }
        }
        return weight == 0 ? 0 : Math.max(-1, Math.min(1, sum / weight));
    }
}
