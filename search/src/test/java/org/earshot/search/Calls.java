package org.earshot.search;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.earshot.search.CallDocument.TimedWord;

/** Small hand-made calls for the tests: words are spoken half a second apart. */
final class Calls {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    private Calls() {
    }

    static CallDocument call(String id, List<TimedWord> words) {
        return call(id, T0, 60.0, words);
    }

    static CallDocument call(String id, Instant startedAt, double durationSeconds, List<TimedWord> words) {
        return new CallDocument(id, startedAt, durationSeconds, "+15550100", "sales", "alice",
                "answered", 5.0, durationSeconds - 5.0, words);
    }

    /** The party says the text, one word every half second from {@code start}. */
    static List<TimedWord> says(String party, double start, String text) {
        List<TimedWord> words = new ArrayList<>();
        String[] split = text.split(" ");
        for (int i = 0; i < split.length; i++) {
            words.add(new TimedWord(party, split[i], start + i * 0.5));
        }
        return words;
    }

    @SafeVarargs
    static List<TimedWord> dialogue(List<TimedWord>... turns) {
        return Arrays.stream(turns).flatMap(List::stream).toList();
    }

    static CallQuery query(String text) {
        return CallQuery.builder().text(text).build();
    }

    /** Indexes the calls and makes them searchable at once, as a test needs before it searches. */
    static void add(TranscriptIndex index, CallDocument... calls) throws IOException {
        for (CallDocument call : calls) {
            index.index(call);
        }
        index.refresh();
    }
}
