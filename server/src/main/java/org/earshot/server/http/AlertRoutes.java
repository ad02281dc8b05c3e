package org.earshot.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.earshot.server.alerts.AlertMonitor;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;
import org.earshot.server.store.AlertStore;

/**
 * The alert list and its acknowledge action (issue 17). Supervisors and admins, who watch the floor: QA and
 * trainers work on finished calls, and an alert names agents in the middle of their work.
 */
final class AlertRoutes {

    static final Set<Role> ROLES = Set.of(Role.ADMIN, Role.SUPERVISOR);
    static final QueryParams PARAMS = QueryParams.of("status", "rule", "callId", "agent", "queue", "from", "to", "limit");
    /** Without from: acknowledged alerts of the last day are listed with every open one. */
    private static final Duration RECENT = Duration.ofHours(24);

    /** An alert as the list gives it. */
    record AlertView(long id, String rule, String callId, String agent, String queue, Instant raisedAt, String detail,
                     boolean active, Instant clearedAt, String acknowledgedBy, Instant acknowledgedAt) {
        static AlertView of(AlertStore.Alert a) {
            return new AlertView(a.id(), a.rule(), a.callId(), a.agent(), a.queue(), a.raisedAt(), a.detail(),
                    a.clearedAt() == null, a.clearedAt(), a.acknowledgedBy(), a.acknowledgedAt());
        }
    }

    private final AlertMonitor monitor;
    private final Authenticator auth;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;

    AlertRoutes(AlertMonitor monitor, Authenticator auth, ObjectMapper json, Clock clock, ZoneId zone) {
        this.monitor = monitor;
        this.auth = auth;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
    }

    /** GET ?status=open|acknowledged|all&rule=&callId=&agent=&queue=&from=&to=&limit= → {"alerts"}, newest first. */
    Response list(Request request) throws IOException {
        AlertStore.Status status = status(request.param("status"));
        Instant from = request.param("from") == null ? null : TimeParams.instant("from", request.param("from"), zone, false);
        Instant to = request.param("to") == null ? null : TimeParams.instant("to", request.param("to"), zone, true);
        int limit = request.intParam("limit", 100, 1, 500);
        List<AlertStore.Alert> alerts = monitor.list(new AlertStore.Query(status, request.param("rule"),
                request.param("callId"), request.param("agent"), request.param("queue"), from, to,
                clock.instant().minus(RECENT), limit));
        return Response.json(json.writeValueAsBytes(Map.of("alerts", alerts.stream().map(AlertView::of).toList())));
    }

    /** POST → the alert, acknowledged (by its first acknowledger: a second one changes nothing); 404 unknown. */
    Response acknowledge(Request request) throws IOException {
        String raw = request.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no alert with id " + raw);
        }
        String who = request.principal().username();
        AlertStore.Acknowledged done = monitor.acknowledge(id, who)
                .orElseThrow(() -> ApiException.notFound("no alert with id " + raw));
        AlertStore.Alert alert = done.alert();
        if (done.now()) {
            auth.record(who, "alert-acknowledged", "alert " + id, alert.rule()
                    + (alert.callId() != null ? ", call " + alert.callId() : "")
                    + (alert.agent() != null ? ", agent " + alert.agent() : "")
                    + (alert.queue() != null ? ", queue " + alert.queue() : ""));
        }
        return Response.json(json.writeValueAsBytes(AlertView.of(alert)));
    }

    private static AlertStore.Status status(String value) {
        if (value == null) {
            return AlertStore.Status.ALL;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "open" -> AlertStore.Status.OPEN;
            case "acknowledged" -> AlertStore.Status.ACKNOWLEDGED;
            case "all" -> AlertStore.Status.ALL;
            default -> throw ApiException.badRequest("status must be open, acknowledged or all, was '"
                    + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
        };
    }
}
