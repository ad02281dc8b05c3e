package org.earshot.server.coaching;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.earshot.server.coaching.CoachingViews.Contrast;
import org.earshot.server.coaching.CoachingViews.Cue;

/**
 * Compares two groups of analysed calls cue by cue: the "low" group (low CSAT, or followed by a
 * repeat call) against the "high" one. Each cue gives both means, low − high, and Cohen's d with
 * the pooled SD, so cues in seconds, ratios and counts can be ranked on one scale. d is null when a
 * group has fewer than two calls with the cue or the cue does not vary: a size cannot be guessed.
 */
final class CueContrast {

    /** Below this many calls in a group, d wanders by ±0.5 or more from sample to sample. */
    static final int FEW_CALLS = 10;

    private CueContrast() {
    }

    /**
     * @param groups  the two counts in words for a note, e.g. "calls with CSAT ≤ 2: %d, with CSAT ≥ 4: %d"
     * @param noCalls the note when neither group has a call
     */
    static Contrast compare(String definition, List<CoachingCall> low, List<CoachingCall> high, String groups,
                            String noCalls) {
        List<Cue> cues = Metric.CUES.stream().map(metric -> cue(metric, low, high))
                .sorted(Comparator.comparing((Cue c) -> c.effectSize() == null ? -1 : Math.abs(c.effectSize()))
                        .reversed())
                .toList();
        return new Contrast(definition, low.size(), high.size(), cues, note(low.size(), high.size(), groups, noCalls));
    }

    private static Cue cue(Metric metric, List<CoachingCall> low, List<CoachingCall> high) {
        Stats l = Stats.of(low, metric);
        Stats h = Stats.of(high, metric);
        Double difference = l.mean() == null || h.mean() == null ? null : l.mean() - h.mean();
        return new Cue(metric.key(), metric.label(), Group.round(l.mean(), 3), Group.round(h.mean(), 3),
                Group.round(difference, 3), Group.round(cohensD(l, h), 2));
    }

    static Double cohensD(Stats low, Stats high) {
        if (low.n() < 2 || high.n() < 2) {
            return null;
        }
        double pooled = Math.sqrt(((low.n() - 1) * low.variance() + (high.n() - 1) * high.variance())
                / (low.n() + high.n() - 2));
        return pooled < 1e-12 ? null : (low.mean() - high.mean()) / pooled;
    }

    private static String note(long low, long high, String groups, String noCalls) {
        if (low == 0 && high == 0) {
            return noCalls;
        }
        String counts = String.format(Locale.ROOT, groups, low, high);
        if (low < 2 || high < 2) {
            return "too few calls to compare: " + counts + " (at least 2 in each group are needed)";
        }
        if (low < FEW_CALLS || high < FEW_CALLS) {
            return "few calls: " + counts + "; read the differences as hints, not findings";
        }
        return null;
    }
}
