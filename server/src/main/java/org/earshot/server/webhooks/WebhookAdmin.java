package org.earshot.server.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.earshot.server.store.ChangeEvents;
import org.earshot.server.store.WebhookDeliveries;
import org.earshot.server.store.WebhookStore;

/**
 * What admins do with webhooks: register endpoints, change or remove them, read their deliveries,
 * resend one, send a test event. Input is checked here; a bad value is an {@link IllegalArgumentException}
 * naming it, an unknown webhook or delivery a {@link NoSuchElementException}.
 */
public final class WebhookAdmin {

    /** A webhook as created or with a rotated secret: the only times its secret is shown. */
    public record WithSecret(WebhookStore.Webhook webhook, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookStore store;
    private final WebhookDeliveries deliveries;
    private final WebhookEvents events;
    private final Runnable wakeUp;
    private final Clock clock;

    /** @param wakeUp tells this node's dispatcher there is something to send */
    public WebhookAdmin(WebhookStore store, WebhookDeliveries deliveries, WebhookEvents events, Runnable wakeUp, Clock clock) {
        this.store = store;
        this.deliveries = deliveries;
        this.events = events;
        this.wakeUp = wakeUp;
        this.clock = clock;
    }

    /** @param secret the endpoint's signing secret, or null to have one generated */
    public WithSecret create(String url, List<String> types, String secret, String description, String by) {
        String signing = secret == null ? newSecret() : checkSecret(secret);
        WebhookStore.Webhook created = store.create(checkUrl(url), checkTypes(types), signing, checkDescription(description),
                by, clock.instant());
        return new WithSecret(created, signing);
    }

    public List<WebhookStore.Webhook> list() {
        return store.list();
    }

    /**
     * Changes what is given (null = unchanged). {@code rotateSecret} generates a new secret, returned once;
     * a given {@code secret} replaces it as it is.
     */
    public WithSecret update(long id, String url, List<String> types, Boolean enabled, String secret, boolean rotateSecret,
                             String description) {
        if (secret != null && rotateSecret) {
            throw new IllegalArgumentException("give either secret or rotateSecret, not both");
        }
        String signing = rotateSecret ? newSecret() : secret == null ? null : checkSecret(secret);
        WebhookStore.Webhook updated = store.update(id, url == null ? null : checkUrl(url),
                        types == null ? null : checkTypes(types), enabled, signing,
                        description == null ? null : checkDescription(description))
                .orElseThrow(() -> noWebhook(id));
        return new WithSecret(updated, rotateSecret ? signing : null);
    }

    public WebhookStore.Webhook find(long id) {
        return store.find(id).orElseThrow(() -> noWebhook(id));
    }

    public void delete(long id) {
        if (!store.delete(id)) {
            throw noWebhook(id);
        }
    }

    /** @param status pending, delivered or failed; null for all */
    public List<WebhookDeliveries.Delivery> deliveries(long id, String status, int limit) {
        if (status != null && !List.of(WebhookDeliveries.PENDING, WebhookDeliveries.DELIVERED, WebhookDeliveries.FAILED).contains(status)) {
            throw new IllegalArgumentException("status must be pending, delivered or failed, was '" + status + "'");
        }
        find(id);
        return deliveries.deliveries(id, status, limit);
    }

    /** @return false when the delivery is being sent right now (it is left to finish) */
    public boolean resend(long id, long deliveryId) {
        WebhookDeliveries.Resend resent = deliveries.resend(id, deliveryId, clock.instant());
        if (resent == WebhookDeliveries.Resend.NOT_FOUND) {
            throw new NoSuchElementException("webhook " + id + " has no delivery " + deliveryId);
        }
        wakeUp.run();
        return resent == WebhookDeliveries.Resend.QUEUED;
    }

    /**
     * Queues a {@code webhook.test} event to this endpoint only; its event id.
     *
     * @throws IllegalStateException when the endpoint is disabled (nothing would be sent till it is enabled)
     */
    public String sendTest(long id) {
        if (!find(id).enabled()) {
            throw new IllegalStateException("webhook " + id + " is disabled: enable it to send it a test event");
        }
        ChangeEvents.Event test = events.test(id);
        if (!deliveries.sendOnly(id, test)) {
            throw noWebhook(id);
        }
        wakeUp.run();
        return test.id();
    }

    private static NoSuchElementException noWebhook(long id) {
        return new NoSuchElementException("no webhook with id " + id);
    }

    static String checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: '" + url + "' (" + e.getReason() + ")");
        }
        if (!uri.isAbsolute() || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute http or https URL, was '" + url + "'");
        }
        if (url.length() > 2000) {
            throw new IllegalArgumentException("url must be at most 2000 characters, was " + url.length());
        }
        return url;
    }

    static List<String> checkTypes(List<String> types) {
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("events must name at least one of " + String.join(", ", EventTypes.SUBSCRIBABLE));
        }
        for (String type : types) {
            if (!EventTypes.SUBSCRIBABLE.contains(type)) {
                throw new IllegalArgumentException("events: unknown event type '" + type + "'; known are "
                        + String.join(", ", EventTypes.SUBSCRIBABLE));
            }
        }
        return types.stream().distinct().toList();
    }

    private static String checkSecret(String secret) {
        if (secret.length() < 16 || secret.length() > 200 || secret.isBlank()) {
            throw new IllegalArgumentException("secret must be 16 to 200 characters, was " + secret.length());
        }
        return secret;
    }

    private static String checkDescription(String description) {
        if (description != null && description.length() > 500) {
            throw new IllegalArgumentException("description must be at most 500 characters, was " + description.length());
        }
        return description;
    }

    /** "whsec_" and 32 random bytes, as Stripe names its signing secrets. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Parses a webhook or delivery id from a path; unknown when it is no number. */
    public static Optional<Long> id(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
