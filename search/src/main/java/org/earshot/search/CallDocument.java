package org.earshot.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the index knows of one call: its metadata and, once analysed, its words with their times.
 *
 * @param id              the call's id in the store (the caller channel's uniqueid)
 * @param startedAt       when the call entered the queue
 * @param durationSeconds queue entry to hang-up
 * @param caller          caller number, or null
 * @param queue           queue name, or null
 * @param agent           agent name, or null
 * @param outcome         "answered", "abandoned", "timeout", ...
 * @param waitSeconds     queue wait, or null
 * @param talkSeconds     talk time, or null
 * @param words           recognised words of all parties in time order; empty until analysed
 */
public record CallDocument(
        String id,
        Instant startedAt,
        double durationSeconds,
        String caller,
        String queue,
        String agent,
        String outcome,
        Double waitSeconds,
        Double talkSeconds,
        List<TimedWord> words) {

    public CallDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        words = List.copyOf(words);
    }

    /** One recognised word: who said it and when (seconds from the start of the recording). */
    public record TimedWord(String party, String word, double start) {
        public TimedWord {
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(word, "word");
        }
    }
}
