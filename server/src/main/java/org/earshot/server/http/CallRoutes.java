package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.search.CallQuery;
import org.earshot.search.QuerySyntaxException;
import org.earshot.search.SearchResult;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.calls.CallDetail;
import org.earshot.server.crm.CrmCard;
import org.earshot.server.store.CallStore;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.SurveyStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallRecord;

/** Searching calls and reading one call with its analysis. */
final class CallRoutes {

    /** A call in a search result (SPEC, GET /api/calls). */
    record CallHit(String id, Instant startedAt, double durationSeconds, String caller, String queue, String agent,
                   List<String> agents, String outcome, double waitSeconds, Double talkSeconds, Double holdSeconds,
                   Double sentiment, List<String> flags, Double score, List<SearchResult.Snippet> snippets) {
    }

    record CallPage(long total, int page, int size, List<CallHit> hits, Map<String, Map<String, Long>> facets) {
    }

    private final TranscriptIndex index;
    private final CallStore calls;
    private final JobQueue jobs;
    private final SurveyStore surveys;
    private final ObjectMapper json;
    private final Authenticator auth;
    private final java.time.ZoneId zone;
    private final java.util.function.Function<String, java.util.Optional<CrmCard>> crmOfCall;
    private final java.util.function.Predicate<String> underLegalHold;

    /**
     * {@code zone}: the days of {@code from} and {@code to}, the same as the KPIs' ({@code time-zone});
     * {@code crmOfCall}: the CRM record a call was linked to (ScreenPop.ofCall); {@code underLegalHold}: whether a call is
     * exempt from retention and erasure.
     */
    CallRoutes(TranscriptIndex index, CallStore calls, JobQueue jobs, SurveyStore surveys, ObjectMapper json,
               Authenticator auth, java.time.ZoneId zone,
               java.util.function.Function<String, java.util.Optional<CrmCard>> crmOfCall,
               java.util.function.Predicate<String> underLegalHold) {
        this.index = index;
        this.calls = calls;
        this.jobs = jobs;
        this.surveys = surveys;
        this.json = json;
        this.auth = auth;
        this.zone = zone;
        this.crmOfCall = crmOfCall;
        this.underLegalHold = underLegalHold;
    }

    Response search(Request request) throws IOException {
        CallQuery query;
        try {
            query = CallQuery.fromParameters(request.query(), zone);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        SearchResult result;
        try {
            result = index.search(query);
        } catch (QuerySyntaxException e) {
            throw ApiException.badRequest("q: " + e.getMessage());
        }
        List<String> ids = result.hits().stream().map(SearchResult.Hit::id).toList();
        Map<String, CallRecord> found = calls.findAll(ids);
        Map<String, CallStore.Summary> summaries = calls.summaries(ids);
        List<CallHit> hits = result.hits().stream()
                .filter(hit -> found.containsKey(hit.id()))
                .map(hit -> hit(found.get(hit.id()), summaries.get(hit.id()), hit))
                .toList();
        return Response.json(json.writeValueAsBytes(new CallPage(result.total(), query.page(), query.size(), hits,
                result.facets())));
    }

    /**
     * A page of the calls with these ids, in the order given or its reverse ({@code sort=date}): the
     * drill-down of a KPI figure, whose calls the KPI service chose. No text, so no snippets and no facets.
     */
    Response listed(Request request, List<String> ids) throws IOException {
        String sort = request.param("sort");
        if (sort != null && !sort.equals("date") && !sort.equals("-date")) {
            throw ApiException.badRequest("sort of a figure's calls must be date or -date, was '" + sort + "'");
        }
        int size = request.intParam("size", CallQuery.DEFAULT_SIZE, 1, CallQuery.MAX_SIZE);
        int page = request.intParam("page", 0, 0, CallQuery.MAX_WINDOW / size);
        List<String> ordered = ids;
        if ("date".equals(sort)) {
            ordered = new java.util.ArrayList<>(ids);
            java.util.Collections.reverse(ordered);
        }
        List<String> slice = ordered.subList(Math.min(ordered.size(), page * size), Math.min(ordered.size(), (page + 1) * size));
        Map<String, CallRecord> found = calls.findAll(slice);
        Map<String, CallStore.Summary> summaries = calls.summaries(slice);
        List<CallHit> hits = slice.stream().filter(found::containsKey)
                .map(id -> hit(found.get(id), summaries.get(id), new SearchResult.Hit(id, null, List.of())))
                .toList();
        return Response.json(json.writeValueAsBytes(new CallPage(ids.size(), page, size, hits, Map.of())));
    }

    Response get(Request request) throws IOException {
        String id = request.pathParam("id");
        CallRecord call = calls.find(id).orElseThrow(() -> ApiException.notFound("no call with id " + id));
        var job = jobs.status(id);
        AnalysisReport analysis = calls.findAnalysis(id).orElse(null);
        var survey = surveys.find(call.linkedId() == null ? call.uniqueId() : call.linkedId());
        CallDetail detail = CallDetail.of(call, job.orElse(null), survey.orElse(null), analysis,
                crmOfCall.apply(id).orElse(null), underLegalHold.test(id));
        auth.record(request.principal().username(), "call-opened", id, null);
        return Response.json(json.writeValueAsBytes(detail));
    }

    /**
     * The call's analysis report in the SPEC's report format: the same JSON as {@code earshot analyze FILE
     * --json} (the same record through the same mapper). Until there is one, 404 says why: the job's state and error.
     */
    Response analysis(Request request) throws IOException {
        String id = request.pathParam("id");
        AnalysisReport report = report(id);
        auth.record(request.principal().username(), "call-opened", id, null);
        return Response.json(json.writeValueAsBytes(report));
    }

    /** The call's analysis report; until there is one, a 404 that says why (no call, no recording, the job's state). */
    AnalysisReport report(String id) {
        CallRecord call = calls.find(id).orElseThrow(() -> ApiException.notFound("no call with id " + id));
        var report = calls.findAnalysis(id);
        if (report.isPresent()) {
            return report.get();
        }
        if (call.recordingFile() == null) {
            throw ApiException.notFound("call " + id + " has no analysis: it has no recording");
        }
        var job = jobs.status(id);
        String state = job.map(JobQueue.JobStatus::state).orElse("not queued");
        String error = job.map(JobQueue.JobStatus::error).orElse(null);
        throw ApiException.notFound("call " + id + " has no analysis yet: analysis " + state
                + (error == null ? "" : " (" + error + ")"));
    }

    /**
     * Analyses the call's recording again (a failed job whose recording is back, or new flag rules).
     * 202 when queued; 409 when its analysis is still queued or running, or it never had one.
     */
    Response reanalyse(Request request) throws IOException {
        String id = request.pathParam("id");
        CallRecord call = calls.find(id).orElseThrow(() -> ApiException.notFound("no call with id " + id));
        if (!jobs.requeue(id)) {
            String state = jobs.status(id).map(JobQueue.JobStatus::state).orElse(null);
            throw ApiException.conflict(state != null ? "call " + id + " is already being analysed (" + state + ")"
                    : call.recordingFile() == null ? "call " + id + " has no recording to analyse"
                    : "call " + id + " was never analysed (only answered calls are; its recording holds no conversation)");
        }
        auth.record(request.principal().username(), "call-reanalysed", id, null);
        return new Response(io.netty.handler.codec.http.HttpResponseStatus.ACCEPTED, "application/json",
                json.writeValueAsBytes(Map.of("id", id, "analysisStatus", "queued")), Map.of());
    }

    /**
     * Analyses again every analysed call that entered in a range of days (of {@code time-zone}, {@code to}
     * included), of one queue or all: after new flag rules, a better model. They queue behind new calls.
     */
    Response reanalyseRange(Request request) throws IOException {
        java.time.LocalDate from = day(request, "from");
        java.time.LocalDate to = day(request, "to");
        if (to.isBefore(from)) {
            throw ApiException.badRequest("from " + from + " is after to " + to);
        }
        String queue = request.query().getOrDefault("queue", List.of()).stream().filter(q -> !q.isBlank())
                .findFirst().orElse(null);
        int queued = jobs.requeueEntered(from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(),
                queue);
        auth.record(request.principal().username(), "calls-reanalysed", queue, from + " to " + to + ": " + queued + " call(s)");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("queue", queue);
        body.put("queued", queued);
        return new Response(io.netty.handler.codec.http.HttpResponseStatus.ACCEPTED, "application/json",
                json.writeValueAsBytes(body), Map.of());
    }

    private static java.time.LocalDate day(Request request, String name) {
        String value = request.query().getOrDefault(name, List.of()).stream().findFirst().orElse(null);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name + " is required: a day such as 2026-11-23");
        }
        return TimeParams.day(name, value.strip());
    }

    static CallHit hit(CallRecord call, CallStore.Summary summary, SearchResult.Hit hit) {
        return new CallHit(call.uniqueId(), call.enteredAt(), call.durationSeconds(), call.caller(), call.queue(),
                call.agent(), call.agents().stream().map(AgentTalk::agent).distinct().toList(), call.outcome().key(),
                call.waitSeconds(), call.talkSeconds(), call.holdSeconds(),
                summary == null ? null : summary.sentiment(), summary == null ? List.of() : summary.flags(),
                hit.score(), hit.snippets());
    }
}
