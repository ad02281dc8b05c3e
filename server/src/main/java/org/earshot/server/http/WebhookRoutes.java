package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.store.WebhookDeliveries;
import org.earshot.server.store.WebhookStore;
import org.earshot.server.webhooks.WebhookAdmin;

/** Webhook endpoints and their deliveries, for admins (issue 15). */
final class WebhookRoutes {

    /** A webhook as the API shows it; {@code secret} only in the answer that created or rotated it. */
    record WebhookView(long id, String url, List<String> events, boolean enabled, String description, Instant createdAt,
                       String createdBy, String secret) {
        static WebhookView of(WebhookStore.Webhook w, String secret) {
            return new WebhookView(w.id(), w.url(), w.events(), w.enabled(), w.description(), w.createdAt(),
                    w.createdBy(), secret);
        }
    }

    private final WebhookAdmin webhooks;
    private final Authenticator auth;
    private final ObjectMapper json;

    WebhookRoutes(WebhookAdmin webhooks, Authenticator auth, ObjectMapper json) {
        this.webhooks = webhooks;
        this.auth = auth;
        this.json = json;
    }

    /** → {"webhooks": [...], "eventTypes": [...]}: the types to subscribe to come from here, never a copy in the UI. */
    Response list(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(Map.of("webhooks",
                webhooks.list().stream().map(w -> WebhookView.of(w, null)).toList(),
                "eventTypes", org.earshot.server.webhooks.EventTypes.SUBSCRIBABLE)));
    }

    /** POST {"url", "events": [...], "secret"?, "description"?} → 201 with the secret, shown this once. */
    Response create(Request request) throws IOException {
        JsonNode body = object(request);
        if (!body.hasNonNull("url") || !body.has("events")) {
            throw ApiException.badRequest("body must be JSON {\"url\", \"events\": [...], \"secret\"?, \"description\"?}");
        }
        WebhookAdmin.WithSecret created = run(() -> webhooks.create(text(body, "url"), types(body), text(body, "secret"),
                text(body, "description"), request.principal().username()));
        auth.record(request.principal().username(), "webhook-created", "webhook " + created.webhook().id(),
                created.webhook().url() + " " + String.join(",", created.webhook().events()));
        return new Response(HttpResponseStatus.CREATED, "application/json",
                json.writeValueAsBytes(WebhookView.of(created.webhook(), created.secret())), Map.of());
    }

    /** PATCH {"url"?, "events"?, "enabled"?, "description"?, "secret"?, "rotateSecret"?}. */
    Response update(Request request) throws IOException {
        long id = id(request, "id");
        JsonNode body = object(request);
        Boolean enabled = null;
        if (body.hasNonNull("enabled")) {
            if (!body.get("enabled").isBoolean()) {
                throw ApiException.badRequest("enabled must be true or false, was " + body.get("enabled"));
            }
            enabled = body.get("enabled").asBoolean();
        }
        if (body.hasNonNull("rotateSecret") && !body.get("rotateSecret").isBoolean()) {
            throw ApiException.badRequest("rotateSecret must be true or false, was " + body.get("rotateSecret"));
        }
        Boolean on = enabled;
        boolean rotate = body.path("rotateSecret").asBoolean(false);
        WebhookAdmin.WithSecret updated = run(() -> webhooks.update(id, text(body, "url"),
                body.hasNonNull("events") ? types(body) : null, on, text(body, "secret"), rotate, text(body, "description")));
        List<String> changed = new ArrayList<>();
        body.fieldNames().forEachRemaining(changed::add);
        auth.record(request.principal().username(), "webhook-updated", "webhook " + id, String.join(",", changed));
        return Response.json(json.writeValueAsBytes(WebhookView.of(updated.webhook(), updated.secret())));
    }

    Response delete(Request request) {
        long id = id(request, "id");
        run(() -> {
            webhooks.delete(id);
            return null;
        });
        auth.record(request.principal().username(), "webhook-deleted", "webhook " + id, null);
        return new Response(HttpResponseStatus.NO_CONTENT, "application/json", new byte[0], Map.of());
    }

    /** GET ?status=pending|delivered|failed&limit= → the newest deliveries, each with its attempts. */
    Response deliveries(Request request) throws IOException {
        long id = id(request, "id");
        int limit = request.intParam("limit", 50, 1, 500);
        List<WebhookDeliveries.Delivery> found = run(() -> webhooks.deliveries(id, request.param("status"), limit));
        return Response.json(json.writeValueAsBytes(Map.of("deliveries", found)));
    }

    /** POST → 202: the delivery goes out again now, with the same event id, and another 24 h of retries. */
    Response resend(Request request) throws IOException {
        long id = id(request, "id");
        long delivery = id(request, "deliveryId");
        boolean queued = run(() -> webhooks.resend(id, delivery));
        if (!queued) {
            throw ApiException.conflict("delivery " + delivery + " is being sent right now: resend it when it has finished");
        }
        auth.record(request.principal().username(), "webhook-resent", "webhook " + id, "delivery " + delivery);
        return new Response(HttpResponseStatus.ACCEPTED, "application/json",
                json.writeValueAsBytes(Map.of("deliveryId", delivery, "status", WebhookDeliveries.PENDING)), Map.of());
    }

    /** POST → 202 {"eventId"}: a webhook.test event to this endpoint only. */
    Response test(Request request) throws IOException {
        long id = id(request, "id");
        String eventId = run(() -> webhooks.sendTest(id));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventId", eventId);
        answer.put("type", "webhook.test");
        return new Response(HttpResponseStatus.ACCEPTED, "application/json", json.writeValueAsBytes(answer), Map.of());
    }

    private interface Action<T> {
        T run();
    }

    private static <T> T run(Action<T> action) {
        try {
            return action.run();
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private static long id(Request request, String name) {
        String text = request.pathParam(name);
        return WebhookAdmin.id(text).orElseThrow(() -> ApiException.notFound("no " + (name.equals("id") ? "webhook" : "delivery")
                + " with id " + text));
    }

    private JsonNode object(Request request) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            throw ApiException.badRequest("body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body must be a JSON object");
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string, was " + value);
        }
        return value.asText();
    }

    private static List<String> types(JsonNode body) {
        JsonNode events = body.get("events");
        if (events == null || !events.isArray()) {
            throw ApiException.badRequest("events must be an array of event types, was " + events);
        }
        List<String> types = new ArrayList<>();
        for (JsonNode type : events) {
            if (!type.isTextual()) {
                throw ApiException.badRequest("events must be strings, found " + type);
            }
            types.add(type.asText());
        }
        return types;
    }
}
