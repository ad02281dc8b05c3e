package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.earshot.search.CallQuery;
import org.earshot.search.QuerySyntaxException;
import org.earshot.search.SearchResult;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.JobQueue;
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

    /** One call with everything known about it (SPEC, GET /api/calls/{id}). */
    record CallDetail(String id, String linkedId, Instant startedAt, Instant answeredAt, Instant endedAt,
                      double durationSeconds, String caller, String callerName, String queue, String agent,
                      String outcome, double waitSeconds, Double talkSeconds, String recordingFile,
                      String analysisStatus, String analysisError, JsonNode analysis) {
    }

    private final TranscriptIndex index;
    private final CallStore calls;
    private final JobQueue jobs;
    private final ObjectMapper json;

    CallRoutes(TranscriptIndex index, CallStore calls, JobQueue jobs, ObjectMapper json) {
        this.index = index;
        this.calls = calls;
        this.jobs = jobs;
        this.json = json;
    }

    Response search(Request request) throws IOException {
        CallQuery query;
        try {
            query = CallQuery.fromParameters(request.query());
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

    Response get(Request request) throws IOException {
        String id = request.pathParam("id");
        CallRecord call = calls.find(id).orElseThrow(() -> ApiException.notFound("no call with id " + id));
        var job = jobs.status(id);
        JsonNode analysis = null;
        var report = calls.findAnalysis(id);
        if (report.isPresent()) {
            analysis = json.readTree(report.get());
        }
        CallDetail detail = new CallDetail(call.uniqueId(), call.linkedId(), call.enteredAt(), call.answeredAt(),
                call.endedAt(), call.durationSeconds(), call.caller(), call.callerName(), call.queue(), call.agent(),
                call.outcome().key(), call.waitSeconds(), call.talkSeconds(), call.recordingFile(),
                job.map(JobQueue.JobStatus::state).orElse(call.recordingFile() == null ? "no recording" : "none"),
                job.map(JobQueue.JobStatus::error).orElse(null), analysis);
        return Response.json(json.writeValueAsBytes(detail));
    }

    private static CallHit hit(CallRecord call, CallStore.Summary summary, SearchResult.Hit hit) {
        return new CallHit(call.uniqueId(), call.enteredAt(), call.durationSeconds(), call.caller(), call.queue(),
                call.agent(), call.agents().stream().map(AgentTalk::agent).distinct().toList(), call.outcome().key(),
                call.waitSeconds(), call.talkSeconds(), call.holdSeconds(),
                summary == null ? null : summary.sentiment(), summary == null ? List.of() : summary.flags(),
                hit.score(), hit.snippets());
    }
}
