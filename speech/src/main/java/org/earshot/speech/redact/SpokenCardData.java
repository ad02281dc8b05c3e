package org.earshot.speech.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.speech.AnalysisReport.Word;

/**
 * Finds card numbers, security codes and expiry dates in one party's words (all of the party's
 * segments, in time order, so a number split across results and pauses is one run).
 *
 * <p>Telephone speech reaches the recogniser with about 20 % of its words wrong, and a card number
 * left readable is far worse than an order number hidden, so the rules lean to recall:
 * <ul>
 *   <li>a run is number words with at most {@value #MAX_GAP_WORDS} other word between two of them,
 *       at most {@value #MAX_PAUSE_SECONDS} s of pause and no word of the other party in between;
 *       "oh" and sound-alikes ("for", "to", "free") count next to a number word;</li>
 *   <li>the cues ("card", "number", "visa" ...; "security", "cvv" ...; "expiry" ...) at most
 *       {@value #CUE_WORDS} words and {@value #CUE_SECONDS} s before a run, the party's own or the other
 *       party's (the agent asks "and the cvv?"), decide its kind, and the redaction covers every word
 *       from the party's own cue to the end of the run (so a digit misheard as "a" right after "is"
 *       goes too); the cue words themselves stay;</li>
 *   <li>after a card cue, {@value #CARD_DIGITS_AFTER_CUE} digits or more are a card number, and
 *       {@value #CARD_DIGITS_AFTER_CARD} after one that names the card ("card", "visa", not "number"):
 *       a misheard number loses digits ("forty three" for "four three"); a run
 *       that follows a card number within {@value #CONTINUATION_SECONDS} s continues it (a caller
 *       reading in groups) if it has {@value #CONTINUATION_DIGITS} digits or more; after a security cue, {@value #SECURITY_DIGITS} digits or more; after an
 *       expiry cue, a month or {@value #EXPIRY_DIGITS} digits;</li>
 *   <li>a payment goes on after the card number: within {@value #PAYMENT_SECONDS} s after it, a run of
 *       {@value #PAYMENT_CODE_MIN_DIGITS} to {@value #PAYMENT_CODE_MAX_DIGITS} digits (or a month) by the
 *       same party is its security code or expiry date, cue or not (the question is often the very words
 *       the recogniser gets wrong: "and fiery days" for "and the expiry date"); a phone number is longer;</li>
 *   <li>with no cue, 13 to 19 digits that pass the Luhn check, or {@value #CARD_DIGITS_WITHOUT_CUE}
 *       digits or more (longer than any phone number, E.164 allows 15), are a card number;</li>
 *   <li>after a strong cue, the answer is taken out whole even when no digits were recognised in it
 *       ({@link CueTurns}).</li>
 * </ul>
 */
public final class SpokenCardData {

    static final int MAX_GAP_WORDS = 1;
    static final double MAX_PAUSE_SECONDS = 4.0;
    static final int CUE_WORDS = 8;
    static final double CUE_SECONDS = 8.0;
    static final int CARD_DIGITS_AFTER_CUE = 8;
    static final int CARD_DIGITS_AFTER_CARD = 6;
    static final int CARD_DIGITS_WITHOUT_CUE = 16;
    static final double CONTINUATION_SECONDS = 6.0;
    static final int CONTINUATION_DIGITS = 3;
    static final int SECURITY_DIGITS = 3;
    static final int EXPIRY_DIGITS = 2;
    static final double PAYMENT_SECONDS = 60.0;
    static final int PAYMENT_CODE_MIN_DIGITS = 2;
    static final int PAYMENT_CODE_MAX_DIGITS = 6;

    private static final Map<String, String> CUES = cues();
    /** Words that make the "code" or "number" after them something other than card data. */
    private static final Set<String> OTHER_CODES = Set.of("zip", "post", "postal", "postcode", "area", "promo",
            "promotional", "discount", "voucher", "coupon", "access", "confirmation", "booking", "reference", "tracking",
            "order", "account", "phone", "telephone", "mobile", "cell", "ticket", "case", "claim", "policy", "invoice",
            "customer", "member", "membership", "flight", "room", "extension", "house", "street", "serial", "model");
    private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");

    private SpokenCardData() {
    }

    private static Map<String, String> cues() {
        Map<String, String> cues = new java.util.HashMap<>();
        for (String w : List.of("card", "number", "visa", "mastercard", "master", "amex", "american", "express",
                "discover", "debit", "credit", "maestro")) {
            cues.put(w, Finding.CARD_NUMBER);
        }
        // "three digits on the back": "back"; "c v v" spelt out: "v" (Vosk writes letters as words)
        for (String w : List.of("security", "cvv", "cvc", "cvv2", "csc", "cid", "verification", "back", "code",
                "pin", "v", "vee")) {
            cues.put(w, Finding.SECURITY_CODE);
        }
        for (String w : List.of("expiry", "expires", "expiration", "expire", "expiring", "expired", "valid")) {
            cues.put(w, Finding.EXPIRY);
        }
        return Map.copyOf(cues);
    }

    /** What {@code party} said that is card data, in time order, from the party's own cues only. */
    public static List<Finding> find(String party, List<Word> words) {
        return find(party, words, List.of());
    }

    /**
     * What {@code party} said that is card data, in time order. {@code others} are the other parties'
     * words: an agent who asks "and the cvv?" cues the customer's "one two three".
     */
    public static List<Finding> find(String party, List<Word> words, List<Word> others) {
        List<Finding> found = new ArrayList<>(digitRuns(party, words, others));
        found.addAll(CueTurns.find(party, words, others));
        return merge(found);
    }

    /**
     * As {@link #find(String, List, List)} by the digit rules alone, without the blunt rule of
     * {@link CueTurns}: for words that are not a transcript but what a second listen heard, whose cues
     * are less sure ("visa" for "the last user") and whose other words are the first pass's guesses.
     */
    static List<Finding> digitRuns(String party, List<Word> words, List<Word> others) {
        List<Finding> found = new ArrayList<>();
        Finding lastCard = null;
        for (Run run : runs(words, others)) {
            List<Cue> cues = new ArrayList<>(cuesBefore(words, run.first()));
            cues.addAll(othersCues(others, words.get(run.first()).start()));
            String digits = SpokenDigits.parse(run.words(words));
            String kind = kind(digits, run.hasMonth(), cues);
            double sinceCard = lastCard == null ? Double.MAX_VALUE : words.get(run.first()).start() - lastCard.end();
            if (kind == null && sinceCard <= CONTINUATION_SECONDS && digits.length() >= CONTINUATION_DIGITS) {
                kind = Finding.CARD_NUMBER;
            } else if (kind == null && sinceCard <= PAYMENT_SECONDS && (run.hasMonth()
                    || digits.length() >= PAYMENT_CODE_MIN_DIGITS && digits.length() <= PAYMENT_CODE_MAX_DIGITS)) {
                kind = run.hasMonth() || has(cues, Finding.EXPIRY) ? Finding.EXPIRY : Finding.SECURITY_CODE;
            }
            if (kind == null) {
                continue;
            }
            String chosen = kind;
            int from = cues.stream().filter(c -> c.kind().equals(chosen) && c.index() >= 0).findFirst()
                    .map(c -> c.index() + 1).orElse(run.first());
            Finding f = new Finding(party, kind, words.get(from).start(), words.get(run.last()).end());
            found.add(f);
            lastCard = kind.equals(Finding.CARD_NUMBER) ? f : lastCard;
        }
        return merge(found);
    }

    /**
     * Overlapping findings as one, in time order, of the kind of the longest among them: a card number
     * with a misheard "c v" inside it is still a card number.
     */
    static List<Finding> merge(List<Finding> found) {
        List<Finding> sorted = found.stream().sorted(java.util.Comparator.comparingDouble(Finding::start)
                .thenComparing(f -> -f.end())).toList();
        List<Finding> out = new ArrayList<>();
        List<Finding> longest = new ArrayList<>(); // of each merged finding, its longest part
        for (Finding f : sorted) {
            int last = out.size() - 1;
            if (last >= 0 && f.start() <= out.get(last).end()) {
                if (length(f) > length(longest.get(last))) {
                    longest.set(last, f);
                }
                out.set(last, new Finding(f.party(), longest.get(last).kind(), out.get(last).start(),
                        Math.max(out.get(last).end(), f.end())));
            } else {
                out.add(f);
                longest.add(f);
            }
        }
        return List.copyOf(out);
    }

    private static double length(Finding f) {
        return f.end() - f.start();
    }

    /** A card number wins over a security code, which wins over an expiry date; null if none fits. */
    private static String kind(String digits, boolean hasMonth, List<Cue> cues) {
        int n = digits.length();
        if (n >= 13 && n <= 19 && SpokenDigits.luhn(digits) || n >= CARD_DIGITS_WITHOUT_CUE) {
            return Finding.CARD_NUMBER;
        }
        if (n >= CARD_DIGITS_AFTER_CUE && has(cues, Finding.CARD_NUMBER)
                || n >= CARD_DIGITS_AFTER_CARD && cues.stream().anyMatch(Cue::namesTheCard)) {
            return Finding.CARD_NUMBER;
        }
        if (n >= SECURITY_DIGITS && has(cues, Finding.SECURITY_CODE)) {
            return Finding.SECURITY_CODE;
        }
        if ((n >= EXPIRY_DIGITS || hasMonth) && has(cues, Finding.EXPIRY)) {
            return Finding.EXPIRY;
        }
        return null;
    }

    private static boolean has(List<Cue> cues, String kind) {
        return cues.stream().anyMatch(c -> c.kind().equals(kind));
    }

    /** A card cue other than the everyday "number": "card", "visa", "mastercard" ... */
    private static boolean namesTheCard(String word) {
        String w = SpokenDigits.normalise(word);
        return Finding.CARD_NUMBER.equals(CUES.get(w)) && !w.equals("number");
    }

    /** Whether {@code word} is a cue for an expiry date ("expiry", "expires" ...). */
    static boolean isExpiryCue(String word) {
        return Finding.EXPIRY.equals(CUES.get(SpokenDigits.normalise(word)));
    }

    /** Whether {@code word} names a month (an expiry date read out). */
    static boolean isMonth(String word) {
        return MONTHS.contains(SpokenDigits.normalise(word));
    }

    /**
     * The cue kind of word {@code i}, or null: "code" and "number" are no cue after a word that names
     * another kind of code or number ("zip code", "promo code", "phone number", "order number").
     */
    static String cueKind(List<Word> words, int i) {
        String w = SpokenDigits.normalise(words.get(i).word());
        String kind = CUES.get(w);
        if (kind != null && (w.equals("code") || w.equals("number")) && i > 0
                && OTHER_CODES.contains(SpokenDigits.normalise(words.get(i - 1).word()))) {
            return null;
        }
        return kind;
    }

    /** Whether {@code word} is one of the cue words. */
    static boolean isCue(String word) {
        return CUES.containsKey(SpokenDigits.normalise(word));
    }

    /** A stretch of number words: word indices {@code first..last}. */
    private record Run(int first, int last, boolean hasMonth) {
        List<String> words(List<Word> all) {
            return all.subList(first, last + 1).stream().map(Word::word).toList();
        }
    }

    /** A cue word: its index in the party's own words, or -1 for another party's. */
    private record Cue(int index, String kind, boolean namesTheCard) {
    }

    private static List<Run> runs(List<Word> words, List<Word> others) {
        List<Run> runs = new ArrayList<>();
        int first = -1;
        int last = -1;
        boolean month = false;
        for (int i = 0; i < words.size(); i++) {
            boolean isMonth = MONTHS.contains(SpokenDigits.normalise(words.get(i).word()));
            if (!isNumber(words, i) && !isMonth) {
                continue;
            }
            boolean joins = first >= 0 && i - last - 1 <= MAX_GAP_WORDS
                    && words.get(i).start() - words.get(last).end() <= MAX_PAUSE_SECONDS
                    && !hasCue(words, last + 1, i)
                    && !spokeBetween(others, words.get(last).end(), words.get(i).start());
            if (!joins) {
                if (first >= 0) {
                    runs.add(new Run(first, last, month));
                }
                first = i;
                month = false;
            }
            last = i;
            month |= isMonth;
        }
        if (first >= 0) {
            runs.add(new Run(first, last, month));
        }
        return runs;
    }

    /** A number word, or "oh" / a sound-alike next to one. */
    private static boolean isNumber(List<Word> words, int i) {
        String w = words.get(i).word();
        if (SpokenDigits.isNumberWord(w)) {
            return true;
        }
        return SpokenDigits.isWeak(w) && (i > 0 && strongOrWeakRun(words, i - 1, -1) || strongOrWeakRun(words, i + 1, 1));
    }

    /** Whether a chain of weak words from {@code i} in direction {@code step} reaches a number word. */
    private static boolean strongOrWeakRun(List<Word> words, int i, int step) {
        for (int j = i; j >= 0 && j < words.size(); j += step) {
            String w = words.get(j).word();
            if (SpokenDigits.isNumberWord(w)) {
                return true;
            }
            if (!SpokenDigits.isWeak(w)) {
                return false;
            }
        }
        return false;
    }

    /** Whether another party said a word between {@code from} and {@code to}: a new turn starts a new run. */
    private static boolean spokeBetween(List<Word> others, double from, double to) {
        return others.stream().anyMatch(w -> w.start() >= from && w.end() <= to);
    }

    private static boolean hasCue(List<Word> words, int from, int to) {
        for (int i = from; i < to; i++) {
            if (CUES.containsKey(SpokenDigits.normalise(words.get(i).word()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cues before word {@code runStart}, nearest first: at most {@value #CUE_WORDS} words and
     * {@value #CUE_SECONDS} s back, and not past an earlier run's number words (its cue is its own).
     */
    private static List<Cue> cuesBefore(List<Word> words, int runStart) {
        List<Cue> cues = new ArrayList<>();
        for (int i = runStart - 1; i >= 0 && runStart - i <= CUE_WORDS; i--) {
            String w = words.get(i).word();
            if (words.get(runStart).start() - words.get(i).end() > CUE_SECONDS || SpokenDigits.isNumberWord(w)) {
                break;
            }
            String kind = cueKind(words, i);
            if (kind != null) {
                cues.add(new Cue(i, kind, namesTheCard(w)));
            }
        }
        return cues;
    }

    /** Cues the other parties said in the {@value #CUE_SECONDS} s before {@code runStart}. */
    private static List<Cue> othersCues(List<Word> others, double runStart) {
        List<Cue> cues = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            Word w = others.get(i);
            String kind = cueKind(others, i);
            if (kind != null && w.end() <= runStart + 0.5 && runStart - w.end() <= CUE_SECONDS) {
                cues.add(new Cue(-1, kind, namesTheCard(w.word())));
            }
        }
        return cues;
    }
}
