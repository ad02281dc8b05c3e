package org.earshot.server.qa;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.earshot.speech.AnalysisReport;

/** Scoring a call against a scorecard: automatic results, a reviewer's values over them, the weighted score. */
final class Scoring {

    /**
     * One criterion of a review as stored: the criterion as it was (the snapshot), its automatic
     * result (null for a manual criterion), the value and whether a reviewer overrode the result.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Line(Criterion criterion, AutoResult auto, Double value, boolean overridden) {

        /** This line with a reviewer's value; null takes the automatic result (or leaves a manual one unscored). */
        Line withValue(Double given) {
            if (auto == null) {
                return new Line(criterion, null, given, false);
            }
            Double automatic = auto.value();
            if (given == null) {
                return new Line(criterion, auto, automatic, false);
            }
            return new Line(criterion, auto, given, !given.equals(automatic));
        }

        Review.Score toScore() {
            return new Review.Score(criterion.id(), criterion.label(), criterion.weight(), auto, value, overridden);
        }
    }

    private Scoring() {
    }

    /** The lines of a review not yet saved: automatic criteria take their result, the others are unscored. */
    static List<Line> draft(Scorecard card, AnalysisReport report) {
        List<Line> lines = new ArrayList<>();
        for (Criterion c : card.criteria()) {
            if (c.auto() == null) {
                lines.add(new Line(c, null, null, false));
            } else {
                AutoResult result = report == null ? AutoResult.unmeasured("call not analysed") : c.auto().evaluate(report);
                lines.add(new Line(c, result, result.value(), false));
            }
        }
        return List.copyOf(lines);
    }

    /** The lines with the values given, by criterion id; lines not named keep their value. */
    static List<Line> apply(List<Line> lines, Map<String, Double> values, long scorecardId) {
        for (String id : values.keySet()) {
            if (lines.stream().noneMatch(l -> l.criterion().id().equals(id))) {
                throw QaException.invalid("scores: '" + id + "' is not a criterion of scorecard " + scorecardId + " ("
                        + lines.stream().map(l -> l.criterion().id()).collect(Collectors.joining(", ")) + ")");
            }
        }
        return lines.stream()
                .map(l -> values.containsKey(l.criterion().id()) ? l.withValue(values.get(l.criterion().id())) : l)
                .toList();
    }

    /**
     * The weighted percentage over the criteria that have a value, to one decimal; null when none has.
     * Unscored criteria are left out rather than counted as 0, so a review in progress is not marked down.
     */
    static Double score(List<Line> lines) {
        double weights = 0;
        double points = 0;
        for (Line line : lines) {
            if (line.value() != null) {
                weights += line.criterion().weight();
                points += line.criterion().weight() * line.value();
            }
        }
        return weights == 0 ? null : Math.round(points / weights * 1000) / 10.0;
    }
}
