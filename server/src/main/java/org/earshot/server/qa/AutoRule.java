package org.earshot.server.qa;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.earshot.speech.AnalysisReport;

/**
 * How a criterion is scored from the call's analysis report, written in JSON as
 * {@code {"kind": "agent-phrase", "phrases": [...], "withinSeconds": 15}}. Each kind checks its
 * parameters when built and says in its evidence what it measured and where in the call.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(AutoRule.AgentPhrase.class),
        @JsonSubTypes.Type(AutoRule.AgentPhraseAnywhere.class),
        @JsonSubTypes.Type(AutoRule.MaxAgentInterruptions.class),
        @JsonSubTypes.Type(AutoRule.MaxDeadAirSeconds.class),
        @JsonSubTypes.Type(AutoRule.MinCustomerSentiment.class),
        @JsonSubTypes.Type(AutoRule.MaxAgentTalkRatio.class)})
public sealed interface AutoRule {

    /** The kinds, as written in JSON. */
    List<String> KINDS = List.of("agent-phrase", "agent-phrase-anywhere", "max-agent-interruptions",
            "max-dead-air-seconds", "min-customer-sentiment", "max-agent-talk-ratio");

    /** Scores one call from its report. */
    AutoResult evaluate(AnalysisReport report);

    /** The agent says one of the phrases, starting within the first {@code withinSeconds} of the recording. */
    @JsonTypeName("agent-phrase")
    record AgentPhrase(List<String> phrases, double withinSeconds) implements AutoRule {
        public AgentPhrase {
            phrases = checkPhrases(phrases);
            if (!(withinSeconds > 0) || Double.isInfinite(withinSeconds)) {
                throw new IllegalArgumentException("withinSeconds must be a number of seconds > 0, was " + withinSeconds);
            }
        }

        @Override
        public AutoResult evaluate(AnalysisReport report) {
            Optional<String> unmeasured = AgentWords.whyNot(report);
            if (unmeasured.isPresent()) {
                return AutoResult.unmeasured(unmeasured.get());
            }
            Optional<AgentWords.Said> first = AgentWords.of(report).first(phrases);
            if (first.isEmpty()) {
                return AutoResult.passed(false, "agent never said " + quoted(phrases));
            }
            AgentWords.Said said = first.get();
            if (said.at() <= withinSeconds) {
                return AutoResult.passed(true, "'" + said.phrase() + "' at " + seconds(said.at()));
            }
            return AutoResult.passed(false, "'" + said.phrase() + "' only at " + seconds(said.at())
                    + ", not within " + seconds(withinSeconds));
        }
    }

    /** The agent says one of the phrases at any time. */
    @JsonTypeName("agent-phrase-anywhere")
    record AgentPhraseAnywhere(List<String> phrases) implements AutoRule {
        public AgentPhraseAnywhere {
            phrases = checkPhrases(phrases);
        }

        @Override
        public AutoResult evaluate(AnalysisReport report) {
            Optional<String> unmeasured = AgentWords.whyNot(report);
            if (unmeasured.isPresent()) {
                return AutoResult.unmeasured(unmeasured.get());
            }
            return AgentWords.of(report).first(phrases)
                    .map(said -> AutoResult.passed(true, "'" + said.phrase() + "' at " + seconds(said.at())))
                    .orElseGet(() -> AutoResult.passed(false, "agent never said " + quoted(phrases)));
        }
    }

    /** The agent interrupts the customer (SPEC overlap of kind interruption, by agent) at most {@code max} times. */
    @JsonTypeName("max-agent-interruptions")
    record MaxAgentInterruptions(int max) implements AutoRule {
        public MaxAgentInterruptions {
            if (max < 0) {
                throw new IllegalArgumentException("max must be a whole number >= 0, was " + max);
            }
        }

        @Override
        public AutoResult evaluate(AnalysisReport report) {
            if (report.overlaps() == null) {
                return AutoResult.unmeasured("no overlaps measured (mono recording)");
            }
            List<AnalysisReport.Overlap> byAgent = report.overlaps().stream()
                    .filter(o -> "agent".equals(o.by()) && "interruption".equals(o.kind()))
                    .toList();
            String when = byAgent.isEmpty() ? "" : byAgent.stream().map(o -> seconds(o.start()))
                    .collect(Collectors.joining(", ", " (", ")"));
            return AutoResult.passed(byAgent.size() <= max, "agent interrupted " + byAgent.size()
                    + (byAgent.size() == 1 ? " time" : " times") + when + "; limit " + max);
        }
    }

    /** No dead-air gap (SPEC: 3 s or more with nobody speaking) longer than {@code max} seconds. */
    @JsonTypeName("max-dead-air-seconds")
    record MaxDeadAirSeconds(double max) implements AutoRule {
        public MaxDeadAirSeconds {
            if (!(max >= 0) || Double.isInfinite(max)) {
                throw new IllegalArgumentException("max must be a number of seconds >= 0, was " + max);
            }
        }

        @Override
        public AutoResult evaluate(AnalysisReport report) {
            if (report.deadAir() == null) {
                return AutoResult.unmeasured("no dead air measured");
            }
            Optional<AnalysisReport.Span> longest = report.deadAir().stream()
                    .max(java.util.Comparator.comparingDouble(s -> s.end() - s.start()));
            if (longest.isEmpty()) {
                return AutoResult.passed(true, "no dead air of 3 s or more; limit " + seconds(max));
            }
            AnalysisReport.Span gap = longest.get();
            double length = gap.end() - gap.start();
            return AutoResult.passed(length <= max, "longest dead air " + seconds(length) + " at "
                    + seconds(gap.start()) + "; limit " + seconds(max));
        }
    }

    /** The customer's sentiment over the call is at least {@code min} (in [-1, 1]). */
    @JsonTypeName("min-customer-sentiment")
    record MinCustomerSentiment(double min) implements AutoRule {
        public MinCustomerSentiment {
            if (!(min >= -1 && min <= 1)) {
                throw new IllegalArgumentException("min must be a sentiment from -1 to 1, was " + min);
            }
        }

        @Override
        public AutoResult evaluate(AnalysisReport report) {
            AnalysisReport.PartyMetrics customer = report.parties() == null ? null : report.parties().get("customer");
            if (customer == null || customer.sentiment() == null) {
                return AutoResult.unmeasured("no customer sentiment measured");
            }
            double score = customer.sentiment();
            StringBuilder evidence = new StringBuilder("customer sentiment ").append(number(score));
            lowestWindow(report).ifPresent(w -> evidence.append(", lowest ").append(number(w.customerSentiment()))
                    .append(" at ").append(seconds(w.start())).append("–").append(seconds(w.end())));
            return AutoResult.passed(score >= min, evidence.append("; minimum ").append(number(min)).toString());
        }

        private static Optional<AnalysisReport.TimelineWindow> lowestWindow(AnalysisReport report) {
            if (report.timeline() == null) {
                return Optional.empty();
            }
            return report.timeline().stream().filter(w -> w.customerSentiment() != null)
                    .min(java.util.Comparator.comparingDouble(AnalysisReport.TimelineWindow::customerSentiment));
        }
    }

    /** The agent's share of the talk (SPEC agentTalkRatio) is at most {@code max} (in [0, 1]). */
    @JsonTypeName("max-agent-talk-ratio")
    record MaxAgentTalkRatio(double max) implements AutoRule {
        public MaxAgentTalkRatio {
            if (!(max >= 0 && max <= 1)) {
                throw new IllegalArgumentException("max must be a ratio from 0 to 1, was " + max);
            }
        }

        @Override
        public AutoResult evaluate(AnalysisReport report) {
            Double ratio = report.agentTalkRatio();
            if (ratio == null) {
                return AutoResult.unmeasured("no talk ratio measured (mono recording)");
            }
            StringBuilder evidence = new StringBuilder("agent spoke ").append(percent(ratio)).append(" of the talk time");
            var parties = report.parties();
            if (parties != null && parties.get("agent") != null && parties.get("customer") != null
                    && parties.get("agent").talkSeconds() != null && parties.get("customer").talkSeconds() != null) {
                double agent = parties.get("agent").talkSeconds();
                evidence.append(" (").append(seconds(agent)).append(" of ")
                        .append(seconds(agent + parties.get("customer").talkSeconds())).append(")");
            }
            return AutoResult.passed(ratio <= max, evidence.append("; limit ").append(percent(max)).toString());
        }
    }

    private static List<String> checkPhrases(List<String> phrases) {
        if (phrases == null || phrases.isEmpty()) {
            throw new IllegalArgumentException("phrases must list at least one phrase");
        }
        for (String phrase : phrases) {
            if (phrase == null || AgentWords.tokens(phrase).length == 0) {
                throw new IllegalArgumentException("phrases must be words, was '" + phrase + "'");
            }
        }
        return List.copyOf(phrases);
    }

    private static String quoted(List<String> phrases) {
        return phrases.stream().map(p -> "'" + p + "'").collect(Collectors.joining(" or "));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String number(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }
}
