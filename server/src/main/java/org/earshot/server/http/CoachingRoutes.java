package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.earshot.server.auth.Role;
import org.earshot.server.coaching.CoachingService;

/**
 * The trainers' coaching views: agents against the team, one agent week by week, and the patterns
 * behind low CSAT and repeat calls. {@code from}/{@code to} take a date in the KPI time zone (a
 * {@code to} date includes that day) or an instant, as GET /api/kpis does.
 */
final class CoachingRoutes {

    static final Set<Role> ROLES = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.TRAINER);
    // Every call of the range is held in memory for one answer: a bound keeps one request from taking the heap.
    static final Duration LONGEST_RANGE = Duration.ofDays(400);
    private static final int OVERVIEW_DAYS = 28;
    private static final int AGENT_WEEKS = 8;

    private final CoachingService coaching;
    private final ObjectMapper json;
    private final Clock clock;

    CoachingRoutes(CoachingService coaching, ObjectMapper json, Clock clock) {
        this.coaching = coaching;
        this.json = json;
        this.clock = clock;
    }

    /** GET /api/coaching/agents: by default the last 28 days. */
    Response agents(Request request) throws IOException {
        Range range = range(request, to -> to.atZone(coaching.zone()).minusDays(OVERVIEW_DAYS).toInstant());
        return Response.json(json.writeValueAsBytes(coaching.agents(range.from(), range.to())));
    }

    /** GET /api/coaching/agents/{agent}: by default the current ISO week and the 7 before it. */
    Response agent(Request request) throws IOException {
        String agent = request.pathParam("agent");
        Range range = range(request, to -> weekStart(to.minusNanos(1), AGENT_WEEKS - 1));
        var report = coaching.agent(agent, range.from(), range.to()).orElseThrow(() -> ApiException.notFound(
                "agent '" + agent + "' has no calls from " + range.from() + " to " + range.to()));
        return Response.json(json.writeValueAsBytes(report));
    }

    /** GET /api/coaching/patterns: by default the last 28 days. */
    Response patterns(Request request) throws IOException {
        Range range = range(request, to -> to.atZone(coaching.zone()).minusDays(OVERVIEW_DAYS).toInstant());
        return Response.json(json.writeValueAsBytes(coaching.patterns(range.from(), range.to())));
    }

    private record Range(Instant from, Instant to) {
    }

    private Range range(Request request, java.util.function.UnaryOperator<Instant> defaultFrom) {
        ZoneId zone = coaching.zone();
        Instant to = request.param("to") == null
                ? LocalDate.now(clock.withZone(zone)).plusDays(1).atStartOfDay(zone).toInstant()
                : instant(request, "to", true);
        Instant from = request.param("from") == null ? defaultFrom.apply(to) : instant(request, "from", false);
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("from (" + from + ") must be before to (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(LONGEST_RANGE) > 0) {
            throw ApiException.badRequest("from " + from + " to " + to + " is longer than coaching looks at ("
                    + LONGEST_RANGE.toDays() + " days): narrow the range");
        }
        return new Range(from, to);
    }

    private Instant weekStart(Instant at, int weeksBack) {
        LocalDate day = at.atZone(coaching.zone()).toLocalDate();
        LocalDate monday = day.minusDays(day.getDayOfWeek().getValue() - 1L);
        return monday.minus(weeksBack, ChronoUnit.WEEKS).atStartOfDay(coaching.zone()).toInstant();
    }

    /** An ISO instant, or a date in the KPI time zone (a {@code to} date includes that whole day). */
    private Instant instant(Request request, String name, boolean end) {
        String value = request.param(name);
        return TimeParams.instant(name, value, coaching.zone(), end);
    }
}
