package org.earshot.server.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.server.calls.CallDetail;
import org.earshot.server.store.ChangeEvents;
import org.earshot.server.store.ReviewStore;
import org.earshot.server.store.SavedSearchStore;
import org.earshot.server.store.SurveyStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallRecord;

/**
 * The webhook payloads: each change as the event {@code {"id","type","createdAt","data"}} its subscribers
 * receive, rendered once when the change is written (the stored bytes are what is signed and sent, on
 * every retry).
 */
public final class WebhookEvents implements ChangeEvents {

    /** Where a receiver finds the call: the web UI's page and the API's resource. */
    public record Links(String call, String api) {
    }

    /** call.analysed: what a CRM or helpdesk wants of a report without fetching it. */
    public record Analysed(String callId, Instant analysedAt, Double sentiment, String sentimentLabel,
                           List<String> flags, List<CueSummary> cues, Map<String, String> transcript, Links links) {
    }

    /** The cues of one kind from one party: how many and their summed push on the sentiment. */
    public record CueSummary(String party, String kind, int count, double effect) {
    }

    /** call.flagged: the call's flags. */
    public record Flagged(String callId, List<String> flags, Links links) {
    }

    /**
     * call.flagged by a saved search the call matched: the call's flags, why it was flagged (the same words as
     * the QA queue's reason) and the search.
     */
    public record FlaggedBySearch(String callId, List<String> flags, String reason, SearchRef search, Links links) {
    }

    /** The saved search that flagged a call, and whose it is. */
    public record SearchRef(long id, String name, String owner, boolean flaggedForQa) {
    }

    /** survey.completed: the answers as they stand (null = not answered). */
    public record SurveyCompleted(String callId, Integer csat, Integer nps, Integer ces, Instant answeredAt, Links links) {
    }

    /** qa.reviewed: who reviewed the call, with which scorecard and score. */
    public record Reviewed(String callId, String reviewer, Double score, String status, String scorecard,
                           Instant reviewedAt, Links links) {
    }

    /**
     * alert.raised: the alert as the wall shows it; {@code links} only for an alert about a call. The acknowledgement
     * is not sent: it comes later, and the receiver asks GET /api/alerts for it.
     */
    public record AlertRaised(long id, String rule, String callId, String agent, String queue, Instant raisedAt,
                              String detail, Links links) {
    }

    /** webhook.test: proves the endpoint and its signature check work. */
    public record Test(long webhookId, String message) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper json;
    private final Clock clock;
    private final String publicUrl;
    private volatile Runnable onCommitted = () -> { };

    /** @param publicUrl how receivers reach this server's web UI and API, e.g. https://earshot.example */
    public WebhookEvents(ObjectMapper json, Clock clock, String publicUrl) {
        this.json = json;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** What to do after a transaction that wrote events committed: wake the dispatcher. */
    public void onCommitted(Runnable wake) {
        this.onCommitted = wake;
    }

    @Override
    public void committed() {
        onCommitted.run();
    }

    @Override
    public List<Event> callEnded(CallRecord call) {
        // The call as GET /api/calls/{id} gives it, less what belongs to later events: the report, and
        // the analysis state (the job is queued just after this; call.analysed says when it is done), and the
        // legal hold, which an admin may set later.
        ObjectNode data = json.valueToTree(CallDetail.of(call, null, null, null, null));
        data.remove(List.of("analysis", "analysisStatus", "analysisError", "legalHold"));
        return List.of(event(EventTypes.CALL_ENDED, call.uniqueId(), data));
    }

    @Override
    public List<Event> callAnalysed(String callId, AnalysisReport report, Instant analysedAt) {
        var sentiment = report.sentiment();
        List<String> flags = sentiment == null || sentiment.flags() == null ? List.of() : sentiment.flags();
        List<Event> events = new ArrayList<>();
        events.add(event(EventTypes.CALL_ANALYSED, callId, new Analysed(callId, analysedAt,
                sentiment == null ? null : sentiment.score(), sentiment == null ? null : sentiment.label(), flags,
                cues(report), transcript(report), links(callId))));
        if (!flags.isEmpty()) {
            events.add(event(EventTypes.CALL_FLAGGED, callId, new Flagged(callId, flags, links(callId))));
        }
        return events;
    }

    @Override
    public List<Event> searchMatched(String callId, List<String> flags, SavedSearchStore.SavedSearch search) {
        return List.of(event(EventTypes.CALL_FLAGGED, callId, new FlaggedBySearch(callId, flags, search.qaReason(),
                new SearchRef(search.id(), search.name(), search.owner(), search.flagForQa()), links(callId))));
    }

    @Override
    public List<Event> surveyCompleted(String linkedId, SurveyStore.Survey survey) {
        return List.of(event(EventTypes.SURVEY_COMPLETED, linkedId, new SurveyCompleted(linkedId, survey.csat(),
                survey.nps(), survey.ces(), survey.answeredAt(), links(linkedId))));
    }

    @Override
    public List<Event> qaReviewed(ReviewStore.Stored review) {
        return List.of(event(EventTypes.QA_REVIEWED, review.callId(), new Reviewed(review.callId(), review.reviewer(),
                review.score(), review.status(), review.scorecardName(), review.updatedAt(), links(review.callId()))));
    }

    @Override
    public List<Event> alertRaised(org.earshot.server.store.AlertStore.Alert alert) {
        return List.of(event(EventTypes.ALERT_RAISED, alert.callId(), new AlertRaised(alert.id(), alert.rule(),
                alert.callId(), alert.agent(), alert.queue(), alert.raisedAt(), alert.detail(),
                alert.callId() == null ? null : links(alert.callId()))));
    }

    /** The test event of the "send test event" action, to one endpoint. */
    public Event test(long webhookId) {
        return event(EventTypes.TEST, null, new Test(webhookId, "A test event from Earshot: the signature verifies"
                + " with this endpoint's secret."));
    }

    private Event event(String type, String subject, Object data) {
        String id = newEventId();
        Instant at = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type);
        body.put("createdAt", at);
        body.put("data", data);
        try {
            return new Event(id, type, subject, at, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the " + type + " event of " + subject + " cannot be written as JSON", e);
        }
    }

    private Links links(String callId) {
        String encoded = java.net.URLEncoder.encode(callId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return new Links(publicUrl + "/#/calls/" + encoded, publicUrl + "/api/calls/" + encoded);
    }

    private static List<CueSummary> cues(AnalysisReport report) {
        if (report.cues() == null) {
            return List.of();
        }
        Map<List<String>, double[]> byKind = new LinkedHashMap<>();
        for (AnalysisReport.Cue cue : report.cues()) {
            double[] sum = byKind.computeIfAbsent(java.util.Arrays.asList(cue.party(), cue.kind()), k -> new double[2]);
            sum[0]++;
            sum[1] += cue.effect();
        }
        List<CueSummary> summary = new ArrayList<>();
        byKind.forEach((key, sum) -> summary.add(new CueSummary(key.get(0), key.get(1), (int) sum[0],
                Math.round(sum[1] * 1000) / 1000.0)));
        // The strongest evidence first, as the call page lists it.
        summary.sort(Comparator.comparingDouble((CueSummary c) -> -Math.abs(c.effect())));
        return summary;
    }

    /** Each party's words in the order spoken; "mixed" on a mono recording. */
    private static Map<String, String> transcript(AnalysisReport report) {
        Map<String, StringBuilder> text = new LinkedHashMap<>();
        if (report.transcript() != null) {
            for (AnalysisReport.TranscriptSegment segment : report.transcript()) {
                if (segment.text() == null || segment.text().isBlank()) {
                    continue;
                }
                StringBuilder party = text.computeIfAbsent(segment.party() == null ? "mixed" : segment.party(),
                        k -> new StringBuilder());
                party.append(party.length() == 0 ? "" : " ").append(segment.text().strip());
            }
        }
        Map<String, String> joined = new LinkedHashMap<>();
        text.forEach((party, words) -> joined.put(party, words.toString()));
        return joined;
    }

    /** "evt_" and 24 random hex digits: unguessable, and the same on every retry (receivers dedupe on it). */
    static String newEventId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "evt_" + HexFormat.of().formatHex(bytes);
    }
}
