package org.earshot.search;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.util.BytesRef;
import org.earshot.search.CallDocument.TimedWord;

/**
 * One party's words of a call in time order with their start times, as stored beside the indexed
 * text so a hit can be mapped back to the second each matched word was said.
 *
 * <p>Stored compactly: the words joined by single spaces in one string field and the start times
 * as packed 4-byte millisecond ints in one binary field, aligned by index. Milliseconds keep the
 * recogniser's 10 ms resolution and fit an int for calls of up to 596 hours.
 */
record PartyWords(String party, List<String> words, int[] startMillis) {

    PartyWords {
        words = List.copyOf(words);
        if (words.size() != startMillis.length) {
            throw new IllegalArgumentException(
                    party + ": " + words.size() + " words but " + startMillis.length + " times");
        }
    }

    /** Groups a call's words by party (first-seen order), each party's words sorted by start. */
    static List<PartyWords> of(List<TimedWord> timedWords) {
        Map<String, List<TimedWord>> byParty = new LinkedHashMap<>();
        for (TimedWord w : timedWords) {
            byParty.computeIfAbsent(w.party().strip(), p -> new ArrayList<>()).add(w);
        }
        List<PartyWords> result = new ArrayList<>();
        byParty.forEach((party, list) -> {
            if (!party.isEmpty()) {
                result.add(ofOneParty(party, list));
            }
        });
        return result;
    }

    private static PartyWords ofOneParty(String party, List<TimedWord> list) {
        List<TimedWord> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingDouble(TimedWord::start)); // stable: equal starts keep order
        List<String> words = new ArrayList<>();
        List<Integer> times = new ArrayList<>();
        for (TimedWord w : sorted) {
            // A "word" holding spaces ("new york") is split so the stored list stays aligned with
            // the space-joined text; its parts share the start time.
            for (String part : w.word().strip().split("\\s+")) {
                if (!part.isEmpty()) {
                    words.add(part);
                    times.add((int) Math.round(Math.max(0, w.start()) * 1000));
                }
            }
        }
        return new PartyWords(party, words, times.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The words as one text, the form both indexed and stored. */
    String joined() {
        return String.join(" ", words);
    }

    double startSeconds(int wordIndex) {
        return startMillis[wordIndex] / 1000.0;
    }

    void storeIn(Document doc) {
        doc.add(new StoredField(Fields.PARTIES, party));
        doc.add(new StoredField(Fields.wordsOf(party), joined()));
        ByteBuffer times = ByteBuffer.allocate(startMillis.length * Integer.BYTES);
        times.asIntBuffer().put(startMillis);
        doc.add(new StoredField(Fields.timesOf(party), new BytesRef(times.array())));
    }

    /** Reads back what {@link #storeIn} wrote; a party with no stored words is skipped. */
    static List<PartyWords> readFrom(Document doc) {
        List<PartyWords> result = new ArrayList<>();
        for (String party : doc.getValues(Fields.PARTIES)) {
            String text = doc.get(Fields.wordsOf(party));
            BytesRef bytes = doc.getBinaryValue(Fields.timesOf(party));
            if (text == null || bytes == null || text.isEmpty()) {
                continue;
            }
            int[] times = new int[bytes.length / Integer.BYTES];
            ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).asIntBuffer().get(times);
            result.add(new PartyWords(party, Arrays.asList(text.split(" ")), times));
        }
        return result;
    }
}
