package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.store.UserStore;
import org.earshot.telephony.SupervisorActions;
import org.earshot.telephony.SupervisorActions.Failure;
import org.earshot.telephony.SupervisorActions.Phone;
import org.earshot.telephony.SupervisorActions.QueueOutcome;
import org.earshot.telephony.SupervisorActions.SpyMode;
import org.earshot.telephony.SupervisorActions.SpyOutcome;

/**
 * A supervisor's actions on an agent from the live wall (issue 17), over AMI: listen, whisper, barge, pause, unpause,
 * remove from a queue, and the supervisor's own phone those calls ring. Admins and supervisors only; every attempt
 * is audited with its outcome; Asterisk's answers come back in words with a status that says whose problem it is
 * (404 no such agent, 409 the agent's state or no AMI configured, 502 Asterisk refused or could not reach the phone,
 * 503 the AMI link is down, 504 no answer).
 *
 * <p>A spy answers once its outcome is known: the supervisor's phone rings up to
 * {@link SupervisorActions#RING_TIMEOUT}, then ChanSpy has {@link SupervisorActions#SPY_START_TIMEOUT} to start.
 */
final class SupervisorRoutes {

    /** Longest a spy request waits: ringing, then ChanSpy starting, plus a margin for Asterisk's answers. */
    static final Duration SPY_WAIT = SupervisorActions.RING_TIMEOUT.plus(SupervisorActions.SPY_START_TIMEOUT)
            .plusSeconds(5);
    private static final Duration QUEUE_WAIT = SupervisorActions.RESPONSE_TIMEOUT.plusSeconds(1);
    private static final int MAX_REASON = 80;
    private static final int MAX_QUEUE = 128;

    private final SupervisorActions actions;
    private final UserStore users;
    private final Authenticator auth;
    private final ObjectMapper json;

    /** @param actions the AMI bridge's, or null when Earshot has no AMI connection configured */
    SupervisorRoutes(SupervisorActions actions, UserStore users, Authenticator auth, ObjectMapper json) {
        this.actions = actions;
        this.users = users;
        this.auth = auth;
        this.json = json;
    }

    /** GET /api/me/phone → {"phone": "PJSIP/3001" | null}. */
    Response phone(Request request) throws IOException {
        String phone = request.principal().isKey() ? null : users.phone(request.principal().username()).orElse(null);
        return phoneResponse(phone);
    }

    /** PUT /api/me/phone {"phone": "PJSIP/3001" | null} → {"phone"}; audited as phone-set. */
    Response setPhone(Request request) throws IOException {
        if (request.principal().isKey()) {
            throw ApiException.forbidden("an API key has no phone: log in as the supervisor whose phone it is");
        }
        JsonNode value = body(request, Set.of("phone"), "{\"phone\": \"PJSIP/3001\"}").get("phone");
        String phone = value == null || value.isNull() || value.isTextual() && value.asText().isBlank() ? null
                : value.isTextual() ? value.asText().trim() : "";
        if (phone != null && !Phone.isDialable(phone)) {
            throw ApiException.badRequest("phone must be a channel Asterisk can dial, such as PJSIP/3001, SIP/3001 or"
                    + " Local/3001@from-internal (an extension through your dialplan), or null to clear it");
        }
        String who = request.principal().username();
        if (!users.setPhone(who, phone)) {
            throw ApiException.notFound("no user " + who);
        }
        auth.record(who, "phone-set", who, phone == null ? "cleared" : phone);
        return phoneResponse(phone);
    }

    /** POST /api/agents/{agent}/listen|whisper|barge → {"agent", "action", "status": "started", "message", ...}. */
    Response spy(Request request, SpyMode mode) throws IOException {
        String agent = request.pathParam("agent");
        body(request, Set.of(), "{}");
        String who = request.principal().username();
        if (request.principal().isKey()) {
            throw ApiException.forbidden("an API key has no phone to listen with: log in as a supervisor");
        }
        String phone = users.phone(who).orElseThrow(() -> ApiException.conflict("set your phone first (PUT"
                + " /api/me/phone {\"phone\": \"PJSIP/3001\"}): Earshot calls it to " + mode.key()));
        SupervisorActions bridge = bridge();
        String action = "agent-" + mode.key();
        SpyOutcome outcome;
        try {
            outcome = await(bridge.spy(agent, mode, new Phone(phone, callerId(mode, agent, phone))).outcome(), SPY_WAIT);
        } catch (TimeoutException e) {
            outcome = new SpyOutcome.Failed(Failure.NO_ANSWER, "No answer from Asterisk within " + SPY_WAIT.toSeconds() + " s");
        }
        if (outcome instanceof SpyOutcome.Started started) {
            auth.record(who, action, agent, "started from " + phone + " on " + started.spyeeChannel());
            Map<String, Object> body = result(agent, mode.key(), started.words());
            body.put("phone", phone);
            body.put("spyerChannel", started.spyerChannel());
            body.put("agentChannel", started.spyeeChannel());
            return Response.json(json.writeValueAsBytes(body));
        }
        auth.record(who, action, agent, "failed from " + phone + ": " + outcome.words());
        if (outcome instanceof SpyOutcome.Failed failed) {
            throw error(failed.failure(), failed.words());
        }
        throw ApiException.conflict(outcome.words()); // NotStarted: the call was not there to spy on
    }

    /** POST /api/agents/{agent}/pause {"reason", "queue"?}: QueuePause in that queue, or in all of them. */
    Response pause(Request request) throws IOException {
        JsonNode body = body(request, Set.of("reason", "queue"), "{\"reason\": \"lunch\", \"queue\": \"support\"}");
        String reason = text(body, "reason", MAX_REASON, true);
        String queue = text(body, "queue", MAX_QUEUE, false);
        String agent = request.pathParam("agent");
        QueueOutcome outcome = queueOutcome(bridge().pause(agent, queue, reason));
        return queueResponse(request, "agent-paused", "pause", agent, queue, outcome,
                "reason " + reason + (queue == null ? " in every queue" : " in " + queue));
    }

    /** POST /api/agents/{agent}/unpause {"queue"?}. */
    Response unpause(Request request) throws IOException {
        JsonNode body = body(request, Set.of("queue"), "{\"queue\": \"support\"}");
        String queue = text(body, "queue", MAX_QUEUE, false);
        String agent = request.pathParam("agent");
        QueueOutcome outcome = queueOutcome(bridge().unpause(agent, queue));
        return queueResponse(request, "agent-unpaused", "unpause", agent, queue, outcome,
                queue == null ? "in every queue" : "in " + queue);
    }

    /** POST /api/agents/{agent}/remove {"queue"}: QueueRemove (logs the agent out of that queue). */
    Response remove(Request request) throws IOException {
        JsonNode body = body(request, Set.of("queue"), "{\"queue\": \"support\"}");
        String queue = text(body, "queue", MAX_QUEUE, true);
        String agent = request.pathParam("agent");
        QueueOutcome outcome = queueOutcome(bridge().remove(agent, queue));
        return queueResponse(request, "agent-removed", "remove", agent, queue, outcome, "from " + queue);
    }

    private Response queueResponse(Request request, String audit, String action, String agent, String queue,
                                   QueueOutcome outcome, String what) throws IOException {
        auth.record(request.principal().username(), audit, agent,
                what + (outcome.done() ? "" : "; failed: " + outcome.words()));
        if (!outcome.done()) {
            throw error(outcome.failure(), outcome.words());
        }
        Map<String, Object> body = result(agent, action, outcome.words());
        body.put("queue", queue);
        return Response.json(json.writeValueAsBytes(body));
    }

    private static Map<String, Object> result(String agent, String action, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent", agent);
        body.put("action", action);
        body.put("status", action.equals("pause") || action.equals("unpause") || action.equals("remove") ? "done" : "started");
        body.put("message", message);
        return body;
    }

    private SupervisorActions bridge() {
        if (actions == null) {
            // A 409, not a 5xx: nothing is broken, this node is set up without Asterisk (or runs the demo floor).
            throw ApiException.conflict("this Earshot follows no Asterisk (ami-host is not set): supervisor actions go"
                    + " over AMI");
        }
        return actions;
    }

    private static QueueOutcome queueOutcome(CompletableFuture<QueueOutcome> future) {
        try {
            return await(future, QUEUE_WAIT);
        } catch (TimeoutException e) {
            return new QueueOutcome(Failure.NO_ANSWER, "No answer from Asterisk within " + QUEUE_WAIT.toSeconds() + " s");
        }
    }

    private static <T> T await(CompletableFuture<T> future, Duration wait) throws TimeoutException {
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("supervisor action failed", e.getCause());
        }
    }

    private static ApiException error(Failure failure, String words) {
        return switch (failure) {
            case UNKNOWN_AGENT -> ApiException.notFound(words);
            case NO_CALL, NOT_MEMBER -> ApiException.conflict(words);
            case NOT_CONNECTED -> new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "no ami", words);
            case REFUSED, PHONE_FAILED -> new ApiException(HttpResponseStatus.BAD_GATEWAY, "asterisk refused", words);
            case NO_ANSWER -> new ApiException(HttpResponseStatus.GATEWAY_TIMEOUT, "no answer", words);
        };
    }

    /**
     * What the supervisor's phone shows while it rings, e.g. {@code "Listen Alice Agent" <3001>}: the number is the
     * phone's own extension (PJSIP/3001, Local/3001@ctx), so a phone that filters unknown numbers still rings.
     */
    static String callerId(SpyMode mode, String agent, String phone) {
        String name = (Character.toUpperCase(mode.key().charAt(0)) + mode.key().substring(1) + " " + agent)
                .replaceAll("[\"<>\\p{Cntrl}]", "");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        String resource = phone.substring(phone.indexOf('/') + 1);
        String number = resource.split("[@/]", 2)[0];
        return "\"" + name + "\" <" + number + ">";
    }

    /** {"phone": null} when unset: a tree node, as the mapper leaves null fields of records and maps out. */
    private Response phoneResponse(String phone) throws IOException {
        return Response.json(json.writeValueAsBytes(json.createObjectNode().put("phone", phone)));
    }

    private static String text(JsonNode body, String field, int max, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest(field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > max
                || value.asText().chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest(field + " must be a string of 1-" + max + " characters on one line");
        }
        return value.asText().trim();
    }

    /** The body as an object with only {@code fields}; an empty body is an empty object. */
    private JsonNode body(Request request, Set<String> fields, String example) {
        if (request.body() == null || request.body().length == 0) {
            return json.createObjectNode();
        }
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body must be a JSON object such as " + example);
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!fields.contains(field)) {
                throw ApiException.badRequest("unknown field '" + (field.length() > 40 ? field.substring(0, 40) + "…" : field)
                        + "': " + (fields.isEmpty() ? "the body is empty" : "the body takes "
                        + String.join(" and ", fields.stream().sorted().toList())));
            }
        });
        return body;
    }
}
