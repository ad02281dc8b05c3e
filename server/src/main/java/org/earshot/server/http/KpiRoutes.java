package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.earshot.server.kpi.KpiQuery;
import org.earshot.server.kpi.KpiService;

/** The KPI table (SPEC, GET /api/kpis). */
final class KpiRoutes {

    // SPEC defaults: service level within 20 s, abandons under 5 s are "short".
    private static final double SERVICE_LEVEL_SECONDS = 20;
    private static final double SHORT_ABANDON_SECONDS = 5;
    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("9999-01-01T00:00:00Z");

    private final KpiService kpis;
    private final ObjectMapper json;

    KpiRoutes(KpiService kpis, ObjectMapper json) {
        this.kpis = kpis;
        this.json = json;
    }

    Response kpis(Request request) throws IOException {
        KpiQuery query;
        try {
            query = new KpiQuery(instant(request, "from", false), instant(request, "to", true),
                    KpiQuery.GroupBy.fromKey(request.param("groupBy") == null ? "none" : request.param("groupBy")),
                    SERVICE_LEVEL_SECONDS, SHORT_ABANDON_SECONDS);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return Response.json(json.writeValueAsBytes(Map.of("rows", kpis.compute(query))));
    }

    /** An ISO instant, or a date (UTC; a {@code to} date includes that whole day). */
    private static Instant instant(Request request, String name, boolean end) {
        String value = request.param(name);
        if (value == null) {
            return end ? END : BEGINNING;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a date (2026-11-23) or an instant (2026-11-23T08:00:00Z), was '"
                    + value + "'");
        }
    }
}
