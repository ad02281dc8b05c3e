package org.earshot.server.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.earshot.search.CallDocument;
import org.earshot.search.CallDocument.TimedWord;
import org.earshot.search.Figures;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallRecord;

/** Joins what telephony and speech know of a call into what the search index takes. */
public final class CallDocuments {

    private CallDocuments() {
    }

    /**
     * @param report the call's analysis, or null when it has none (yet)
     * @param crmId  the caller's CRM record (CallCrmStore), or null
     */
    public static CallDocument of(CallRecord call, AnalysisReport report, String crmId) {
        List<String> agents = call.agents().isEmpty()
                ? (call.agent() == null ? List.of() : List.of(call.agent()))
                : call.agents().stream().map(AgentTalk::agent).distinct().toList();
        return new CallDocument(call.uniqueId(), call.enteredAt(), call.durationSeconds(), call.caller(), CallDocument.INBOUND,
                call.queue(), agents, call.outcome().key(), call.waitSeconds(), call.talkSeconds(), call.holdSeconds(),
                report == null ? Map.of() : figures(report),
                report == null || report.sentiment() == null ? List.of() : report.sentiment().flags(),
                report == null ? List.of() : words(report), crmId, report == null ? List.of() : redacted(report));
    }

    /** The report's redaction kinds as {@code redacted:} finds them ("card-number" → "card"). */
    static List<String> redacted(AnalysisReport report) {
        return report.redactions().stream().map(r -> switch (r.kind()) {
            case "card-number" -> "card";
            case "security-code" -> "code";
            case "keypad-digits" -> "keypad";
            default -> r.kind(); // "expiry"; a kind the index does not know is refused by CallDocument, naming it
        }).distinct().toList();
    }

    private static List<TimedWord> words(AnalysisReport report) {
        List<TimedWord> words = new ArrayList<>();
        if (report.transcript() != null) {
            for (AnalysisReport.TranscriptSegment segment : report.transcript()) {
                for (AnalysisReport.Word word : segment.words()) {
                    words.add(new TimedWord(segment.party(), word.word(), word.start()));
                }
            }
        }
        return words;
    }

    /** The report's numbers under the index's figure names; what was not measured is left out. */
    private static Map<String, Double> figures(AnalysisReport r) {
        Map<String, Double> f = new HashMap<>();
        if (r.sentiment() != null) {
            f.put(Figures.SENTIMENT, r.sentiment().score());
        }
        put(f, Figures.OVERLAPS_PER_MINUTE, r.overlapsPerMinute());
        put(f, Figures.SILENCE_RATIO, r.silenceRatio());
        put(f, Figures.AGENT_TALK_RATIO, r.agentTalkRatio());
        if (r.deadAir() != null) {
            f.put(Figures.DEAD_AIR_SECONDS, r.deadAir().stream().mapToDouble(s -> s.end() - s.start()).sum());
        }
        party(f, r.parties().get("customer"), Figures.SENTIMENT_CUSTOMER, Figures.INTERRUPTIONS_CUSTOMER,
                Figures.BACKCHANNELS_CUSTOMER, Figures.WORDS_PER_MINUTE_CUSTOMER, Figures.PITCH_SD_SEMITONES_CUSTOMER);
        party(f, r.parties().get("agent"), Figures.SENTIMENT_AGENT, Figures.INTERRUPTIONS_AGENT,
                Figures.BACKCHANNELS_AGENT, Figures.WORDS_PER_MINUTE_AGENT, Figures.PITCH_SD_SEMITONES_AGENT);
        return f;
    }

    private static void party(Map<String, Double> f, PartyMetrics m, String sentiment, String interruptions,
                              String backchannels, String wpm, String pitchSd) {
        if (m == null) {
            return;
        }
        put(f, sentiment, m.sentiment());
        put(f, interruptions, m.interruptions() == null ? null : m.interruptions().doubleValue());
        put(f, backchannels, m.backchannels() == null ? null : m.backchannels().doubleValue());
        put(f, wpm, m.wordsPerMinute());
        put(f, pitchSd, m.pitchSdSemitones());
    }

    private static void put(Map<String, Double> f, String name, Double value) {
        if (value != null && Double.isFinite(value)) {
            f.put(name, value);
        }
    }
}
