package org.earshot.speech.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport.Word;

/**
 * The second, blunter rule behind {@link SpokenCardData}: on telephone speech the recogniser often
 * writes a read-out card number as other words ("well no five" for "one oh five"), so the digits
 * themselves cannot be found. What it hears more reliably is the question before them. After a
 * strong cue ("card", "visa", "cvv", "the back", "expiry" ..., not the everyday "number" or "code"), the answer
 * is taken out whole: the rest of the cue's own turn, and the other party's next turn if it starts within
 * {@value SpokenCardData#CUE_SECONDS} s (each at most {@value #MAX_TURN_SECONDS} s), if it holds anything
 * that sounds like a digit ("oh", "for", "five").
 */
final class CueTurns {

    static final double MAX_TURN_SECONDS = 15.0;

    private static final Map<String, String> STRONG = strong();

    private CueTurns() {
    }

    private static Map<String, String> strong() {
        Map<String, String> cues = new java.util.HashMap<>();
        for (String w : List.of("card", "visa", "mastercard", "amex", "credit", "debit", "maestro")) {
            cues.put(w, Finding.CARD_NUMBER);
        }
        for (String w : List.of("security", "cvv", "cvc", "cvv2", "csc", "verification")) {
            cues.put(w, Finding.SECURITY_CODE);
        }
        for (String w : List.of("expiry", "expires", "expiration", "expire")) {
            cues.put(w, Finding.EXPIRY);
        }
        return Map.copyOf(cues);
    }

    /**
     * The strong cues among {@code words}, in time order: the word that ends each, with the kind it asks for.
     */
    static List<Cue> strongCues(List<Word> words) {
        List<Cue> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String kind = kind(words, i);
            if (kind != null) {
                out.add(new Cue(words.get(i), kind));
            }
        }
        return out;
    }

    /** A strong cue: its (last) word and the kind of card data it asks for. */
    record Cue(Word word, String kind) {
    }

    /** Card data {@code party} gave after a strong cue, by its own words or the others'. */
    static List<Finding> find(String party, List<Word> own, List<Word> others) {
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            String kind = kind(own, i);
            if (kind != null) {
                int from = i + 1;
                while (from < own.size() && SpokenCardData.isCue(own.get(from).word())) {
                    from++; // "card number": the cue words stay
                }
                add(found, party, kind, turn(own, from, others, own.get(i).end()));
            }
        }
        for (int i = 0; i < others.size(); i++) {
            Word w = others.get(i);
            String kind = kind(others, i);
            if (kind != null) {
                int first = firstAfter(own, w.end());
                if (first >= 0 && own.get(first).start() - w.end() <= SpokenCardData.CUE_SECONDS) {
                    add(found, party, kind, turn(own, first, others, w.end()));
                }
            }
        }
        return found;
    }

    /** The strong cue word {@code i} is, or null; "the back" ("the three digits on the back") is one too. */
    static String kind(List<Word> words, int i) {
        String w = SpokenDigits.normalise(words.get(i).word());
        if (w.equals("back") && i > 0 && SpokenDigits.normalise(words.get(i - 1).word()).equals("the")) {
            return Finding.SECURITY_CODE;
        }
        return STRONG.get(w);
    }

    private static void add(List<Finding> found, String party, String kind, List<Word> turn) {
        if (turn.isEmpty()) {
            return;
        }
        boolean digitLike = turn.stream().anyMatch(w -> SpokenDigits.isNumberWord(w.word()) || SpokenDigits.isWeak(w.word()));
        if (digitLike) {
            found.add(new Finding(party, kind, turn.get(0).start(), turn.get(turn.size() - 1).end()));
        }
    }

    /**
     * {@code own} words from index {@code from} until another party next speaks after the cue, at most
     * {@value #MAX_TURN_SECONDS} s.
     */
    private static List<Word> turn(List<Word> own, int from, List<Word> others, double cueEnd) {
        if (from >= own.size()) {
            return List.of();
        }
        double start = own.get(from).start();
        double until = others.stream().filter(w -> w.start() > Math.max(cueEnd, start)).mapToDouble(Word::start)
                .min().orElse(Double.MAX_VALUE);
        List<Word> turn = new ArrayList<>();
        for (int i = from; i < own.size() && own.get(i).start() < until && own.get(i).end() - start <= MAX_TURN_SECONDS; i++) {
            turn.add(own.get(i));
        }
        return turn;
    }

    private static int firstAfter(List<Word> own, double t) {
        for (int i = 0; i < own.size(); i++) {
            if (own.get(i).start() >= t) {
                return i;
            }
        }
        return -1;
    }
}
