package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.kpi.KpiFigure;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiRow;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.store.AgentTime;
import org.earshot.server.store.PauseTime;

/** The KPI table as JSON and CSV (SPEC, GET /api/kpis), every row linked to the calls behind it. */
final class KpiRoutes {

    private final KpiService kpis;
    private final ObjectMapper json;
    private final Clock clock;
    private final Authenticator auth;

    /** @param auth the audit log: a CSV export takes the figures out of Earshot, so it is recorded */
    KpiRoutes(KpiService kpis, ObjectMapper json, Clock clock, Authenticator auth) {
        this.kpis = kpis;
        this.json = json;
        this.clock = clock;
        this.auth = auth;
    }

    private Instant defaultFrom(Request request) {
        Instant to = instant(request, "to", true);
        return to.atZone(kpis.definitions().zone()).minusDays(7).toInstant();
    }

    Response kpis(Request request) throws IOException {
        KpiQuery query = query(request);
        ObjectNode body = json.createObjectNode();
        body.put("timeZone", kpis.definitions().zone().getId());
        // While rollups are rebuilt for changed KPI settings, figures come from the calls: exact, slower.
        body.put("rollups", kpis.rollupsCurrent() ? "current" : "rebuilding");
        ArrayNode rows = body.putArray("rows");
        KpiService.KpiTable table = kpis.computeWithAgentTime(query);
        for (KpiRow row : table.rows()) {
            ObjectNode node = json.valueToTree(row);
            if (query.groupBy() == KpiQuery.GroupBy.AGENT && !row.key().isEmpty()) {
                agentTime(node, table.agentTime().getOrDefault(row.key(), AgentTime.NONE));
            }
            node.put("calls", drillDown(query, row, KpiFigure.CALLS));
            // Every figure of the row opens exactly the calls it counts (a rate or a mean: the calls it is over).
            ObjectNode links = node.putObject("links");
            KpiFigure.BEHIND_FIELD.forEach((field, figure) -> links.put(field, drillDown(query, row, figure)));
            rows.add(node);
        }
        return Response.json(json.writeValueAsBytes(body));
    }

    /** A row by agent's pauses by reason, their totals and unanswered rings (README "Pause reasons and agent time"). */
    private void agentTime(ObjectNode node, AgentTime time) {
        ArrayNode pauses = node.putArray("pauses");
        for (PauseTime p : time.pauses()) {
            ObjectNode pause = pauses.addObject();
            pause.put("reason", p.reason());
            pause.put("seconds", p.millis() / 1000.0);
            pause.put("count", p.count());
            pause.put("longestSeconds", p.longestMillis() / 1000.0);
        }
        node.put("pausedSeconds", time.pausedMillis() / 1000.0);
        node.put("pauseCount", time.pauseCount());
        node.put("longestPauseSeconds", time.longestPauseMillis() / 1000.0);
        node.put("ringNoAnswer", time.ringNoAnswer());
        node.put("missed", time.missed());
    }

    Response csv(Request request) {
        KpiQuery query = query(request);
        KpiService.KpiTable table = kpis.computeWithAgentTime(query);
        List<KpiRow> rows = table.rows();
        boolean byAgent = query.groupBy() == KpiQuery.GroupBy.AGENT;
        List<String> reasons = byAgent ? AgentTimeCsv.reasons(table.agentTime()) : List.of();
        StringBuilder out = new StringBuilder(KpiCsv.HEADER).append(byAgent ? AgentTimeCsv.header(reasons) : "").append("\r\n");
        for (KpiRow row : rows) {
            out.append(KpiCsv.line(row));
            if (byAgent) {
                out.append(AgentTimeCsv.line(row.key().isEmpty() ? null : table.agentTime().getOrDefault(row.key(),
                        AgentTime.NONE), reasons));
            }
            out.append("\r\n");
        }
        auth.record(request.principal().username(), "kpis-exported", query.groupBy().key(), query.from() + " to "
                + query.to() + (query.queue() == null ? "" : ", queue " + query.queue())
                + (query.agent() == null ? "" : ", agent " + query.agent()) + ": " + rows.size() + " row(s) as CSV");
        return Response.text("text/csv; charset=utf-8", out.toString())
                .withHeader("Content-Disposition", "attachment; filename=\"kpis-" + query.groupBy().key() + ".csv\"");
    }

    private KpiQuery query(Request request) {
        java.time.Instant from = instant(request, "from", false);
        java.time.Instant to = instant(request, "to", true);
        if (!from.isBefore(to)) {
            // In the user's words: "to" 2026-12-01 is a day, included, not the instant it ends at.
            throw ApiException.badRequest("from " + shown(request, "from", from) + " must be before to "
                    + shown(request, "to", to) + (request.param("to") != null && request.param("to").length() == 10
                    ? " (a day: to includes it)" : ""));
        }
        try {
            return new KpiQuery(from, to,
                    KpiQuery.GroupBy.parse(request.param("groupBy") == null ? "none" : request.param("groupBy")),
                    request.param("queue"), request.param("agent"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static String shown(Request request, String name, java.time.Instant value) {
        String given = request.param(name);
        return given != null ? given : value.toString();
    }

    /** Parameters a drill-down takes besides the row's: the order and the page of the list. */
    private static final java.util.Set<String> DRILL_DOWN_PARAMETERS = java.util.Set.of("kpi", "from", "to", "groupBy",
            "key", "queue", "agent", "sort", "page", "size");

    /**
     * The link to the calls one figure of a row counts: {@code GET /api/calls?kpi=FIGURE} with the row's
     * range, the query's filters and, for rows by agent or queue, the row's key. The server takes the
     * calls from the same accumulation as the figure, so the two cannot drift apart (billing's
     * offered 246 once opened 262 calls: its short abandons and calls turned away after hours).
     */
    static String drillDown(KpiQuery query, KpiRow row, KpiFigure figure) {
        StringBuilder link = new StringBuilder("/api/calls?kpi=").append(figure.key())
                .append("&from=").append(row.from()).append("&to=").append(row.to());
        if (query.groupBy() == KpiQuery.GroupBy.AGENT || query.groupBy() == KpiQuery.GroupBy.QUEUE) {
            link.append("&groupBy=").append(query.groupBy().key()).append("&key=").append(encode(row.key()));
        }
        if (query.queue() != null && !query.queue().isEmpty()) {
            link.append("&queue=").append(encode(query.queue()));
        }
        if (query.agent() != null && !query.agent().isEmpty()) {
            link.append("&agent=").append(encode(query.agent()));
        }
        return link.toString();
    }

    /**
     * The ids of the calls behind a drill-down link ({@link #drillDown}), newest first. A row of a
     * day, hour or month is the whole range's row over that bucket; other parameters of a call search
     * do not combine with it (the list would no longer be the figure's).
     */
    List<String> drillDownCalls(Request request) {
        for (String name : request.query().keySet()) {
            if (!DRILL_DOWN_PARAMETERS.contains(name)) {
                throw ApiException.badRequest("kpi cannot be combined with " + name + ": a figure's calls take only "
                        + String.join(", ", new java.util.TreeSet<>(DRILL_DOWN_PARAMETERS)));
            }
        }
        KpiQuery query = query(request);
        List<String> keys = request.query().get("key");
        String key = keys == null || keys.isEmpty() ? null : keys.get(0);
        if (key == null) {
            if (query.groupBy() != KpiQuery.GroupBy.NONE) {
                throw ApiException.badRequest("key is required with groupBy=" + query.groupBy().key()
                        + ": the row whose calls to list");
            }
            key = "all";
        }
        try {
            return kpis.callsCounted(query, key, KpiFigure.parse(request.param("kpi")));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * An ISO instant, or a date in the KPI time zone (a {@code to} date includes that whole day).
     * Without {@code to}: the end of today; without {@code from}: the last 7 days up to {@code to}.
     */
    private Instant instant(Request request, String name, boolean end) {
        String value = request.param(name);
        if (value == null) {
            LocalDate today = LocalDate.now(clock.withZone(kpis.definitions().zone()));
            return end ? today.plusDays(1).atStartOfDay(kpis.definitions().zone()).toInstant()
                    : defaultFrom(request);
        }
        return TimeParams.instant(name, value, kpis.definitions().zone(), end);
    }

    /**
     * The columns rows by agent add: totals, then three per pause reason found in the export, in
     * alphabetical order ({@code (none)} for pauses without a reason): one row per agent, so a
     * spreadsheet sums or charts a reason's column directly. The row of calls without an agent
     * leaves them empty.
     */
    static final class AgentTimeCsv {
        static final String NO_REASON = "(none)";

        private AgentTimeCsv() {
        }

        static List<String> reasons(java.util.Map<String, AgentTime> byAgent) {
            java.util.TreeSet<String> reasons = new java.util.TreeSet<>();
            byAgent.values().forEach(t -> t.pauses().forEach(p -> reasons.add(p.reason() == null ? NO_REASON : p.reason())));
            return List.copyOf(reasons);
        }

        static String header(List<String> reasons) {
            StringBuilder header = new StringBuilder(",paused_seconds,pauses,longest_pause_seconds,ring_no_answer,missed");
            for (String reason : reasons) {
                header.append(',').append(Csv.text("paused_seconds:" + reason)).append(',').append(Csv.text("pauses:" + reason))
                        .append(',').append(Csv.text("longest_pause_seconds:" + reason));
            }
            return header.toString();
        }

        static String line(AgentTime time, List<String> reasons) {
            StringBuilder line = new StringBuilder();
            if (time == null) {
                return ",".repeat(5 + 3 * reasons.size());
            }
            line.append(',').append(seconds(time.pausedMillis())).append(',').append(time.pauseCount())
                    .append(',').append(seconds(time.longestPauseMillis())).append(',').append(time.ringNoAnswer())
                    .append(',').append(time.missed());
            for (String reason : reasons) {
                PauseTime p = time.pauses().stream()
                        .filter(t -> reason.equals(t.reason() == null ? NO_REASON : t.reason())).findFirst()
                        .orElse(new PauseTime(reason, 0, 0, 0));
                line.append(',').append(seconds(p.millis())).append(',').append(p.count())
                        .append(',').append(seconds(p.longestMillis()));
            }
            return line.toString();
        }

        private static String seconds(long millis) {
            return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
        }
    }

    /** CSV columns: names say the unit; rates are percentages. */
    static final class KpiCsv {
        static final String HEADER = String.join(",", List.of("key", "from", "to", "offered", "answered", "abandoned",
                "short_abandoned", "timed_out", "aht_seconds", "avg_talk_seconds", "avg_hold_seconds",
                "avg_wrap_up_seconds", "asa_seconds", "avg_wait_seconds", "max_wait_seconds", "abandon_rate_pct",
                "service_level_pct", "fcr_pct", "csat_1_to_5", "nps_minus100_to_100", "ces_1_to_7", "surveys",
                "first_response_seconds", "resolution_seconds", "retention_pct", "flagged_calls", "occupancy_pct",
                "offered_after_hours", "service_level_in_hours_pct", "transferred_in"));

        private KpiCsv() {
        }

        static String line(KpiRow r) {
            return String.join(",", List.of(Csv.text(r.key()), r.from().toString(), r.to().toString(),
                    Long.toString(r.offered()), Long.toString(r.answered()), Long.toString(r.abandoned()),
                    Long.toString(r.shortAbandoned()), Long.toString(r.timedOut()), num(r.ahtSeconds()),
                    num(r.avgTalkSeconds()), num(r.avgHoldSeconds()), num(r.avgWrapUpSeconds()), num(r.asaSeconds()),
                    num(r.avgWaitSeconds()), num(r.maxWaitSeconds()), pct(r.abandonRate()), pct(r.serviceLevel()),
                    pct(r.fcr()), num(r.csat()), num(r.nps()), num(r.ces()), Long.toString(r.surveys()),
                    num(r.firstResponseSeconds()), num(r.resolutionSeconds()), pct(r.retention()),
                    Long.toString(r.flaggedCalls()), pct(r.occupancy()),
                    r.offeredAfterHours() == null ? "" : Long.toString(r.offeredAfterHours()),
                    pct(r.serviceLevelInHours()), Long.toString(r.transferredIn())));
        }

        private static String num(Double d) {
            return d == null ? "" : String.format(Locale.ROOT, "%.2f", d);
        }

        private static String pct(Double d) {
            return d == null ? "" : String.format(Locale.ROOT, "%.2f", d * 100);
        }
    }
}
