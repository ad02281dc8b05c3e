package org.earshot.server.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.earshot.server.store.LifecycleStore;

/**
 * How long Earshot keeps each part of a call (keys {@code retention.audio-days}, {@code retention.transcript-days},
 * {@code retention.call-days}, and per queue {@code queue.NAME.retention.*}); 0 keeps it forever. Webhook events
 * (their bodies carry call data) and their delivery log are kept {@code retention.webhook-days}, globally.
 *
 * @param global      the periods of every queue without its own, and of calls of no queue
 * @param perQueue    the periods of queues with any key of their own (the keys they do not set are the global ones)
 * @param webhookDays days a webhook event is kept once no delivery of it is pending; 0 = forever
 */
public record RetentionPolicy(Periods global, Map<String, Periods> perQueue, int webhookDays) {

    /** The config keys, without the {@code queue.NAME.} prefix. */
    public static final List<String> KEYS = List.of("retention.audio-days", "retention.transcript-days",
            "retention.call-days");

    /** The global key of the webhook events' period. */
    public static final String WEBHOOK_KEY = "retention.webhook-days";

    /**
     * The webhook delivery log is for finding out why a delivery failed, not a record of calls: a month, as
     * webhook senders commonly keep theirs, unless set.
     */
    public static final int DEFAULT_WEBHOOK_DAYS = 30;

    /** Keeps every call forever: the default (webhook events are kept {@link #DEFAULT_WEBHOOK_DAYS}). */
    public static final RetentionPolicy KEEP_FOREVER = new RetentionPolicy(Periods.FOREVER, Map.of());

    /** Days each part is kept after the call entered its queue; 0 = forever. */
    public record Periods(int audioDays, int transcriptDays, int callDays) {

        public static final Periods FOREVER = new Periods(0, 0, 0);

        public Periods {
            check("retention.audio-days", audioDays);
            check("retention.transcript-days", transcriptDays);
            check("retention.call-days", callDays);
        }

        int days(LifecycleStore.Part part) {
            return switch (part) {
                case AUDIO -> audioDays;
                case TRANSCRIPT -> transcriptDays;
                case CALL -> callDays;
            };
        }

        static void check(String key, int days) {
            // 100 years: a bound that catches a typo of too many digits, never a real policy.
            if (days < 0 || days > 36_500) {
                throw new IllegalArgumentException(key + " must be 0 (keep forever) to 36500 days, was " + days);
            }
        }
    }

    public RetentionPolicy {
        perQueue = Map.copyOf(new TreeMap<>(perQueue));
        Periods.check(WEBHOOK_KEY, webhookDays);
    }

    /** Calls as given, webhook events kept {@link #DEFAULT_WEBHOOK_DAYS}. */
    public RetentionPolicy(Periods global, Map<String, Periods> perQueue) {
        this(global, perQueue, DEFAULT_WEBHOOK_DAYS);
    }

    /** True when nothing is ever purged: no daily job is needed. */
    public boolean keepsEverything() {
        return keepsEveryCall() && webhookDays == 0;
    }

    /** True when no part of any call is ever purged (webhook events may still be). */
    public boolean keepsEveryCall() {
        return global.equals(Periods.FOREVER) && perQueue.values().stream().allMatch(Periods.FOREVER::equals);
    }

    /** Webhook events created before this are due, or null when they are kept forever. */
    Instant webhookEventsBefore(Instant now) {
        return webhookDays == 0 ? null : now.minus(Duration.ofDays(webhookDays));
    }

    /**
     * The calls {@code part} reaches at {@code now}: one scope per queue with its own periods, one for the rest.
     * A call past its call-days is the CALL part's alone (its recording and transcript go with it), so a dry
     * run counts it once.
     */
    List<LifecycleStore.Scope> scopes(LifecycleStore.Part part, Instant now) {
        List<LifecycleStore.Scope> scopes = new ArrayList<>();
        perQueue.forEach((queue, periods) -> scope(part, now, periods, queue, Set.of()).ifPresent(scopes::add));
        scope(part, now, global, null, perQueue.keySet()).ifPresent(scopes::add);
        return scopes;
    }

    private static java.util.Optional<LifecycleStore.Scope> scope(LifecycleStore.Part part, Instant now, Periods periods,
                                                                  String queue, Set<String> otherQueues) {
        if (periods.days(part) == 0) {
            return java.util.Optional.empty();
        }
        Instant from = part == LifecycleStore.Part.CALL || periods.callDays() == 0 ? null
                : now.minus(Duration.ofDays(periods.callDays()));
        Instant before = now.minus(Duration.ofDays(periods.days(part)));
        if (from != null && !from.isBefore(before)) {
            return java.util.Optional.empty(); // the whole call goes before this part would
        }
        return java.util.Optional.of(new LifecycleStore.Scope(from, before, queue, otherQueues));
    }
}
