package org.earshot.search;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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

    private static final Pattern SPACES = Pattern.compile("\\s+");

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
        List<TimedWord> sorted = list;
        if (!inTimeOrder(list)) { // a recogniser's words usually are: no copy, no sort
            sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparingDouble(TimedWord::start)); // stable: equal starts keep order
        }
        List<String> words = new ArrayList<>(sorted.size());
        int[] times = new int[sorted.size()];
        for (TimedWord w : sorted) {
            // A "word" holding spaces ("new york") is split so the stored list stays aligned with
            // the space-joined text; its parts share the start time.
            int millis = (int) Math.round(Math.max(0, w.start()) * 1000);
            String word = w.word().strip();
            if (word.isEmpty()) {
                continue;
            }
            String[] parts = hasWhitespace(word) ? SPACES.split(word) : new String[] {word};
            for (String part : parts) {
                if (words.size() == times.length) {
                    times = Arrays.copyOf(times, times.length * 2 + 1);
                }
                times[words.size()] = millis;
                words.add(part);
            }
        }
        return new PartyWords(party, words, Arrays.copyOf(times, words.size()));
    }

    private static boolean inTimeOrder(List<TimedWord> list) {
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i).start() < list.get(i - 1).start()) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasWhitespace(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isWhitespace(word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The words as one text, the form both indexed and stored. */
    String joined() {
        return String.join(" ", words);
    }

    double startSeconds(int wordIndex) {
        return startMillis[wordIndex] / 1000.0;
    }

    /** @param joined {@link #joined()}, which the caller has already built to index */
    void storeIn(Document doc, String joined) {
        doc.add(new StoredField(Fields.PARTIES, party));
        doc.add(new StoredField(Fields.wordsOf(party), joined));
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
