package org.earshot.server.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;

/**
 * Analysis reports of the labelled test calls (src/test/resources/qa, see its README), as the
 * analyser would write them for a perfect recognition.
 */
final class LabelledCalls {

    private LabelledCalls() {
    }

    /** The truth file of a test call, e.g. {@code agitated-call}. */
    static JsonNode truth(String name) {
        try (InputStream in = LabelledCalls.class.getResourceAsStream("/qa/" + name + ".truth.json")) {
            if (in == null) {
                throw new IllegalArgumentException("no test call " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report of a test call, with the customer's sentiment given (the labels do not hold one). */
    static AnalysisReport report(String name, double customerSentiment) {
        JsonNode truth = truth(name);
        List<Overlap> overlaps = new ArrayList<>();
        for (JsonNode o : truth.get("overlaps")) {
            overlaps.add(new Overlap(o.get("start").asDouble(), o.get("end").asDouble(), o.get("by").asText(),
                    o.get("kind").asText()));
        }
        List<Span> deadAir = new ArrayList<>();
        for (JsonNode d : truth.get("deadAir")) {
            deadAir.add(new Span(d.get("start").asDouble(), d.get("end").asDouble()));
        }
        double customerTalk = truth.at("/talkSeconds/customer").asDouble();
        double agentTalk = truth.at("/talkSeconds/agent").asDouble();
        return new AnalysisReport(truth.get("file").asText(), truth.get("durationSeconds").asDouble(),
                Map.of("left", "customer", "right", "agent"),
                Map.of("customer", party(customerTalk, overlaps, "customer", customerSentiment),
                        "agent", party(agentTalk, overlaps, "agent", 0.0)),
                overlaps, null, deadAir, null, agentTalk / (agentTalk + customerTalk), null,
                transcript(truth), null, List.of(), null);
    }

    private static PartyMetrics party(double talk, List<Overlap> overlaps, String party, double sentiment) {
        int interruptions = (int) overlaps.stream().filter(o -> o.by().equals(party) && o.kind().equals("interruption")).count();
        int backchannels = (int) overlaps.stream().filter(o -> o.by().equals(party) && o.kind().equals("backchannel")).count();
        return new PartyMetrics(talk, null, null, null, null, null, null, null, interruptions, backchannels, sentiment,
                null);
    }

    private static List<TranscriptSegment> transcript(JsonNode truth) {
        List<TranscriptSegment> segments = new ArrayList<>();
        for (JsonNode u : truth.get("utterances")) {
            double start = u.get("start").asDouble();
            double end = u.get("end").asDouble();
            String[] said = u.get("text").asText().split(" ");
            double each = (end - start) / said.length;
            List<Word> words = new ArrayList<>();
            for (int i = 0; i < said.length; i++) {
                words.add(new Word(said[i], start + i * each, start + (i + 1) * each, 0.9));
            }
            segments.add(new TranscriptSegment(u.get("party").asText(), start, end, u.get("text").asText(), words));
        }
        // The analyser writes segments in time order; the labels list them by utterance.
        segments.sort(java.util.Comparator.comparingDouble(TranscriptSegment::start));
        return segments;
    }
}
