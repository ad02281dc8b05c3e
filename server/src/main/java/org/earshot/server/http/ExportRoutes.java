package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.search.CallQuery;
import org.earshot.search.QuerySyntaxException;
import org.earshot.search.SearchResult;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.store.CallStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallRecord;

/**
 * Exports (issue 15): a call's transcript as text, WebVTT or JSON (GET /api/calls/{id}/transcript) and the calls a
 * search finds as CSV (GET /api/calls.csv, the parameters of GET /api/calls). Both are recorded in the audit log.
 */
final class ExportRoutes {

    static final List<String> FORMATS = List.of("json", "txt", "vtt");
    /**
     * The most rows one CSV holds: the search's window (the deepest page GET /api/calls serves), so the file
     * lists exactly the calls that paging through the search would. More matching calls: narrow the search;
     * the header {@code X-Total-Count} says how many matched.
     */
    static final int MAX_CSV_ROWS = CallQuery.MAX_WINDOW;
    static final String CSV_HEADER = String.join(",", List.of("id", "startedAt", "durationSeconds", "caller", "queue",
            "agent", "outcome", "waitSeconds", "talkSeconds", "holdSeconds", "sentiment", "flags"));
    // Rows read per trip to the index and the store: the search's largest page.
    private static final int BATCH = CallQuery.MAX_SIZE;

    /** The transcript part of a report (format=json). */
    record Transcript(String id, double durationSeconds, Map<String, String> channels,
                      List<AnalysisReport.TranscriptSegment> transcript) {
    }

    private final CallRoutes callRoutes;
    private final TranscriptIndex index;
    private final CallStore calls;
    private final ObjectMapper json;
    private final Authenticator auth;
    private final ZoneId zone;

    ExportRoutes(CallRoutes callRoutes, TranscriptIndex index, CallStore calls, ObjectMapper json, Authenticator auth,
                 ZoneId zone) {
        this.callRoutes = callRoutes;
        this.index = index;
        this.calls = calls;
        this.json = json;
        this.auth = auth;
        this.zone = zone;
    }

    /** GET /api/calls/{id}/transcript?format=json|txt|vtt (json when absent). */
    Response transcript(Request request) throws IOException {
        String id = request.pathParam("id");
        String format = request.param("format") == null ? "json" : request.param("format");
        if (!FORMATS.contains(format)) {
            throw ApiException.badRequest("format must be one of " + String.join(", ", FORMATS) + ", was '"
                    + (format.length() > 40 ? format.substring(0, 40) + "..." : format) + "'");
        }
        AnalysisReport report = callRoutes.report(id);
        auth.record(request.principal().username(), "call-opened", id, "transcript as " + format);
        return switch (format) {
            case "txt" -> download(Response.text("text/plain; charset=utf-8", TranscriptFormats.text(report.transcript())),
                    id, "txt");
            case "vtt" -> download(Response.text("text/vtt; charset=utf-8", TranscriptFormats.vtt(report.transcript())),
                    id, "vtt");
            default -> Response.json(json.writeValueAsBytes(new Transcript(id, report.durationSeconds(), report.channels(),
                    TranscriptFormats.inOrder(report.transcript()))));
        };
    }

    private static Response download(Response response, String id, String extension) {
        // Call ids are Asterisk's "1795393091.5"; anything else is dropped from the file name, never from the data.
        return response.withHeader("Content-Disposition", "attachment; filename=\"call-"
                + id.replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension + "\"");
    }

    /**
     * GET /api/calls.csv: the calls GET /api/calls finds with the same parameters, in its order. With page or size
     * the one page GET /api/calls gives; without, every matching call up to {@link #MAX_CSV_ROWS}.
     *
     * @param drillDown the calls of a KPI figure (kpi=), chosen as GET /api/calls chooses them; null for a search
     */
    Response callsCsv(Request request, List<String> drillDown) throws IOException {
        boolean onePage = request.param("page") != null || request.param("size") != null;
        Found found;
        if (drillDown != null) {
            List<String> ids = onePage ? drillDownPage(request, drillDown) : sorted(request, drillDown);
            found = new Found(drillDown.size(), ids.subList(0, Math.min(ids.size(), MAX_CSV_ROWS)));
        } else {
            found = onePage ? onePage(request.query()) : everyPage(request.query());
        }
        String csv = csv(found.ids());
        auth.record(request.principal().username(), "calls-exported", null, describe(request) + ": "
                + found.ids().size() + " of " + found.total() + " call(s) as CSV");
        return Response.text("text/csv; charset=utf-8", csv)
                .withHeader("Content-Disposition", "attachment; filename=\"calls.csv\"")
                .withHeader("X-Total-Count", Long.toString(found.total()));
    }

    /** The ids to export, in order, and how many calls matched in all. */
    private record Found(long total, List<String> ids) {
    }

    private Found onePage(Map<String, List<String>> query) throws IOException {
        SearchResult page = search(query);
        return new Found(page.total(), page.hits().stream().map(SearchResult.Hit::id).toList());
    }

    /** Page after page of the search, as a client paging GET /api/calls would, up to {@link #MAX_CSV_ROWS}. */
    private Found everyPage(Map<String, List<String>> query) throws IOException {
        Map<String, List<String>> params = new HashMap<>(query);
        params.put("size", List.of(Integer.toString(BATCH)));
        // A call indexed meanwhile can shift a later page by one: a call is listed once all the same.
        Set<String> ids = new LinkedHashSet<>();
        long matched = 0;
        for (int page = 0; page * BATCH < MAX_CSV_ROWS; page++) {
            params.put("page", List.of(Integer.toString(page)));
            SearchResult result = search(params);
            matched = result.total();
            result.hits().forEach(hit -> ids.add(hit.id()));
            if (result.hits().size() < BATCH) {
                break;
            }
        }
        return new Found(matched, List.copyOf(ids));
    }

    /** The header and a row per call still stored, read from the store a batch at a time. */
    private String csv(List<String> ids) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append(Csv.ROW_END);
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            Map<String, CallRecord> found = calls.findAll(batch);
            Map<String, CallStore.Summary> summaries = calls.summaries(batch);
            for (String id : batch) {
                if (found.containsKey(id)) {
                    out.append(line(CallRoutes.hit(found.get(id), summaries.get(id), new SearchResult.Hit(id, null, List.of()))))
                            .append(Csv.ROW_END);
                }
            }
        }
        return out.toString();
    }

    private SearchResult search(Map<String, List<String>> params) throws IOException {
        CallQuery query;
        try {
            query = CallQuery.fromParameters(params, zone);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        try {
            return index.search(query);
        } catch (QuerySyntaxException e) {
            throw ApiException.badRequest("q: " + e.getMessage());
        }
    }

    /** A figure's calls newest first, or oldest first with sort=date, as GET /api/calls?kpi= lists them. */
    private static List<String> sorted(Request request, List<String> ids) {
        String sort = request.param("sort");
        if (sort != null && !sort.equals("date") && !sort.equals("-date")) {
            throw ApiException.badRequest("sort of a figure's calls must be date or -date, was '" + sort + "'");
        }
        List<String> ordered = new ArrayList<>(ids);
        if ("date".equals(sort)) {
            java.util.Collections.reverse(ordered);
        }
        return ordered;
    }

    private static List<String> drillDownPage(Request request, List<String> ids) {
        List<String> ordered = sorted(request, ids);
        int size = request.intParam("size", CallQuery.DEFAULT_SIZE, 1, CallQuery.MAX_SIZE);
        int page = request.intParam("page", 0, 0, CallQuery.MAX_WINDOW / size);
        return ordered.subList(Math.min(ordered.size(), page * size), Math.min(ordered.size(), (page + 1) * size));
    }

    /** One CSV row of a hit: text cells quoted and formula-safe, numbers as JSON gives them, flags joined by ";". */
    static String line(CallRoutes.CallHit hit) {
        return String.join(",", List.of(Csv.text(hit.id()), hit.startedAt().toString(), number(hit.durationSeconds()),
                Csv.text(hit.caller()), Csv.text(hit.queue()), Csv.text(hit.agent()), Csv.text(hit.outcome()),
                number(hit.waitSeconds()), number(hit.talkSeconds()), number(hit.holdSeconds()), number(hit.sentiment()),
                Csv.text(String.join(";", hit.flags()))));
    }

    private static String number(Double value) {
        return value == null ? "" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The search in the audit log's words: its parameters, as given. */
    private static String describe(Request request) {
        Map<String, List<String>> sorted = new java.util.TreeMap<>(request.query());
        StringBuilder text = new StringBuilder();
        sorted.forEach((name, values) -> values.forEach(v -> text.append(text.length() == 0 ? "" : "&").append(name)
                .append('=').append(v.length() > 100 ? v.substring(0, 100) + "..." : v)));
        return text.length() == 0 ? "all calls" : text.toString();
    }
}
