package org.earshot.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the index knows of one call: its metadata and, once analysed, its figures, flags and words
 * with their times.
 *
 * @param id              the call's id in the store (the caller channel's uniqueid)
 * @param startedAt       when the call entered the queue
 * @param durationSeconds queue entry to hang-up
 * @param caller          caller number (or id, e.g. "anonymous") as telephony gives it, or null; found by
 *                        {@code caller=} in any usual spelling (see {@link CallQuery#callers})
 * @param direction       "inbound" (the default when null), "outbound", ...
 * @param queue           queue name, or null
 * @param agents          every agent who handled the call, in order (a transferred call has several); may be empty
 * @param outcome         "answered", "abandoned", "timeout", ..., or null
 * @param waitSeconds     queue wait, or null
 * @param talkSeconds     talk time, or null
 * @param holdSeconds     time on hold, or null
 * @param figures         analysis figures by {@link Figures} name; a figure the analysis did not give is absent
 * @param flags           analysis flags, e.g. "customer-negative", "escalation"
 * @param words           recognised words of all parties in time order; empty until analysed
 * @param crmId           the caller's record in the CRM (found by the caller lookup), or null; found by {@code crmId=}
 * @param redacted        what card data was redacted from the call, of {@link #REDACTED}; found by {@code redacted:card}
 */
public record CallDocument(
        String id,
        Instant startedAt,
        double durationSeconds,
        String caller,
        String direction,
        String queue,
        List<String> agents,
        String outcome,
        Double waitSeconds,
        Double talkSeconds,
        Double holdSeconds,
        Map<String, Double> figures,
        List<String> flags,
        List<TimedWord> words,
        String crmId,
        List<String> redacted) {

    public static final String INBOUND = "inbound";
    /** What {@code redacted:} finds: card number, security code, expiry date, keypad digits. */
    public static final List<String> REDACTED = List.of("card", "code", "expiry", "keypad");

    /**
     * @throws IllegalArgumentException for a figure name not in {@link Figures#NAMES}, a figure that
     *         is not a finite number, or a blank agent or flag
     */
    public CallDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        direction = direction == null ? INBOUND : direction;
        agents = nonBlank("agent", agents);
        figures = checkedFigures(id, figures);
        flags = nonBlank("flag", flags);
        words = List.copyOf(words);
        crmId = crmId == null || crmId.isBlank() ? null : crmId;
        redacted = redacted == null ? List.of() : List.copyOf(redacted);
        for (String kind : redacted) {
            if (!REDACTED.contains(kind)) {
                throw new IllegalArgumentException("redacted '" + kind + "' of call " + id + ": must be one of " + REDACTED);
            }
        }
    }

    /** A call with nothing redacted. */
    public CallDocument(String id, Instant startedAt, double durationSeconds, String caller, String direction,
            String queue, List<String> agents, String outcome, Double waitSeconds, Double talkSeconds,
            Double holdSeconds, Map<String, Double> figures, List<String> flags, List<TimedWord> words, String crmId) {
        this(id, startedAt, durationSeconds, caller, direction, queue, agents, outcome, waitSeconds, talkSeconds,
                holdSeconds, figures, flags, words, crmId, List.of());
    }

    /** A call without a CRM record. */
    public CallDocument(String id, Instant startedAt, double durationSeconds, String caller, String direction,
            String queue, List<String> agents, String outcome, Double waitSeconds, Double talkSeconds,
            Double holdSeconds, Map<String, Double> figures, List<String> flags, List<TimedWord> words) {
        this(id, startedAt, durationSeconds, caller, direction, queue, agents, outcome, waitSeconds, talkSeconds,
                holdSeconds, figures, flags, words, null, List.of());
    }

    /** A call with one agent (or none), inbound, not analysed beyond its words: the shape before issue 6. */
    public CallDocument(String id, Instant startedAt, double durationSeconds, String caller, String queue,
            String agent, String outcome, Double waitSeconds, Double talkSeconds, List<TimedWord> words) {
        this(id, startedAt, durationSeconds, caller, INBOUND, queue, agent == null ? List.of() : List.of(agent),
                outcome, waitSeconds, talkSeconds, null, Map.of(), List.of(), words, null, List.of());
    }

    /** Whether the call carries anything from its analysis: words, figures or flags. */
    public boolean analysed() {
        return !words.isEmpty() || !figures.isEmpty() || !flags.isEmpty();
    }

    private static List<String> nonBlank(String what, List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank, was '" + value + "' in " + values);
            }
        }
        return List.copyOf(values);
    }

    private static Map<String, Double> checkedFigures(String id, Map<String, Double> figures) {
        if (figures == null) {
            return Map.of();
        }
        figures.forEach((name, value) -> {
            if (!Figures.NAMES.contains(name)) {
                throw new IllegalArgumentException("call " + id + ": unknown figure '" + name
                        + "': known are " + String.join(", ", Figures.NAMES));
            }
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("call " + id + ": figure " + name + " is " + value
                        + ": leave a figure out rather than give it no number");
            }
        });
        return Map.copyOf(figures);
    }

    /** One recognised word: who said it and when (seconds from the start of the recording). */
    public record TimedWord(String party, String word, double start) {
        public TimedWord {
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(word, "word");
        }
    }
}
