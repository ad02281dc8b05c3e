package org.earshot.speech.redact;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.transcribe.HeardDigits;
import org.earshot.speech.vad.Spurt;

/**
 * The second listen behind card-data redaction. The small Vosk model, fed resampled telephone audio,
 * often writes a read-out card number as ordinary words ("well no five" for "one oh five"), and the
 * question before it too ("the current amber" for "the card number"), so neither is in the transcript
 * for {@link SpokenCardData} to find. Heard again with the choice narrowed, it hears both:
 * <ul>
 *   <li>the spurts that may hold digits ({@link #doubtful}) limited to digit words ({@link HeardDigits});
 *       where the digits explain the audio about as well as the whole vocabulary does
 *       ({@link #MIN_FIT_PER_SECOND}), the rules read those digits instead of the first pass's words;</li>
 *   <li>those spurts and the speech of either party in the {@value SpokenCardData#CUE_SECONDS} s before
 *       them limited to the cue phrases of {@link #CUE_GRAMMAR} and "[unk]" (anything else); the cues it
 *       hears ({@link #plausibleCues}) join the first pass's;</li>
 *   <li>then, in a second round, the spurts after a card number or after a strong cue heard only now
 *       ({@link #moreToHear}), as digits: a spurt there whose digits fit is the answer ({@link #answers}),
 *       however few digits the recogniser made of it.</li>
 * </ul>
 * It never changes the stored transcript: it only finds what to take out of it.
 *
 * <p>Forced to choose, the recogniser hears digits in any speech; the fit keeps that out. Measured per
 * utterance (log-likelihood per second, digits minus whole vocabulary): read-out digits −11 to +3
 * (espeak voices and Allison's recorded digits, "the security code is seven three seven" as one spurt
 * the lowest), Allison's ordinary prompts −17 to −50, numbers inside a sentence ("my phone number is
 * ...") −6 to −12, which the rules keep unless a cue or a card number came before.
 */
public final class SecondListen {

    /** Below this the digits explain the spurt too badly to stand for what was said (see the class comment). */
    static final double MIN_FIT_PER_SECOND = -12.0;
    /** Fewer first-pass words than this per second of a spurt: most of it was not words the model knew. */
    static final double MIN_WORDS_PER_SECOND = 1.5;
    /** Digit sound-alikes that are everyday words too: alone they do not make a spurt doubtful. */
    private static final Set<String> COMMON = Set.of("to", "too", "for");
    /** Words whose middle lies this far outside a spurt still belong to it (the recogniser is fed padded audio). */
    static final double EDGE_SECONDS = 0.2;

    /**
     * What the cue listen may hear: the questions and lead-ins of a card payment, and "[unk]" for any
     * other speech, so that nothing is forced into a cue. Phrases help the recogniser more than their
     * words alone, and every word is in the bundled model's vocabulary ("cvv" is not: "c v v").
     */
    public static final List<String> CUE_GRAMMAR = List.of("card", "card number", "the card number", "long number",
            "credit card", "debit card", "visa", "mastercard", "american express", "security code", "the code",
            "three digits", "on the back", "the back", "c v v", "c v c", "expiry", "expiry date", "expiration date",
            "expires", "[unk]");
    /** Heard by the cue listen, these count only after their partner ("card number", "the code", "the back"). */
    private static final Map<String, Set<String>> PARTNERED = Map.of(
            "number", Set.of("card", "long"),
            "code", Set.of("security", "the"),
            "back", Set.of("the"),
            "v", Set.of("c", "v"));
    /** The letters of "c v v" and "c v c", as the recogniser writes them. */
    private static final Set<String> LETTERS = Set.of("c", "v", "vee");
    /** Heard inside read-out digits now and then ("debit code three"); "credit card" has its "card". */
    private static final Set<String> UNBELIEVED = Set.of("credit", "debit");

    private SecondListen() {
    }

    /** What the second listen heard: each party's spurts as digits, and each party's cue words. */
    public record Heard(Map<String, List<HeardDigits>> digits, Map<String, List<Word>> cues) {

        static final Heard NOTHING = new Heard(Map.of(), Map.of());

        /** This and {@code more}, party by party. */
        Heard and(Heard more) {
            return new Heard(joined(digits, more.digits), joined(cues, more.cues));
        }

        private static <T> Map<String, List<T>> joined(Map<String, List<T>> a, Map<String, List<T>> b) {
            Map<String, List<T>> out = new LinkedHashMap<>();
            a.forEach((party, list) -> out.put(party, new ArrayList<>(list)));
            b.forEach((party, list) -> out.computeIfAbsent(party, p -> new ArrayList<>()).addAll(list));
            out.replaceAll((party, list) -> List.copyOf(list));
            return out;
        }
    }

    /** Hears each party's spurts again; the parties may be heard at once, like the first pass. */
    @FunctionalInterface
    public interface Ears {
        /**
         * @param forDigits each party's spurts to hear limited to digits
         * @param forCues   each party's spurts to hear limited to {@link #CUE_GRAMMAR}
         */
        Heard hear(Map<String, List<Spurt>> forDigits, Map<String, List<Spurt>> forCues) throws IOException;
    }

    /**
     * The party's spurts worth a second listen: those the first pass heard a number word, a digit
     * sound-alike, a month or a cue in, those it heard few words in (speech it could not make out):
     * fewer than {@value #MIN_WORDS_PER_SECOND} a second, and those that start within
     * {@value SpokenCardData#CUE_SECONDS} s after a strong cue of anyone's ({@code everyone}: all parties'
     * first-pass words), the answer to "what is the security code?" however it was heard.
     */
    static List<Spurt> doubtful(List<Spurt> spurts, List<Word> firstPass, List<Word> everyone) {
        List<CueTurns.Cue> cues = CueTurns.strongCues(everyone);
        List<Spurt> out = new ArrayList<>();
        for (Spurt s : spurts) {
            if (afterCue(s.start(), cues) != null) {
                out.add(s);
                continue;
            }
            List<Word> words = within(firstPass, s.start(), s.end());
            boolean numberish = false;
            for (int i = 0; i < words.size() && !numberish; i++) {
                numberish = numberish(words, i);
            }
            if (numberish || words.size() < MIN_WORDS_PER_SECOND * s.seconds()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The spurts to hear for cues: every doubtful spurt, and every spurt of any party that ends within
     * {@value SpokenCardData#CUE_SECONDS} s before one starts (the question that asked for the digits).
     */
    static Map<String, List<Spurt>> forCues(Map<String, List<Spurt>> speech, Map<String, List<Spurt>> doubtful) {
        List<Spurt> all = doubtful.values().stream().flatMap(List::stream).toList();
        Map<String, List<Spurt>> out = new LinkedHashMap<>();
        speech.forEach((party, spurts) -> {
            Set<Spurt> picked = new TreeSet<>(Comparator.comparingInt(Spurt::startFrame));
            picked.addAll(doubtful.getOrDefault(party, List.of()));
            for (Spurt s : spurts) {
                if (all.stream().anyMatch(d -> s.end() <= d.start() + EDGE_SECONDS
                        && d.start() - s.end() <= SpokenCardData.CUE_SECONDS)) {
                    picked.add(s);
                }
            }
            out.put(party, List.copyOf(picked));
        });
        return out;
    }

    /**
     * Each party's spurts not heard already ({@code heard}) that start within
     * {@value SpokenCardData#PAYMENT_SECONDS} s after the end of a card number it gave, or within
     * {@value SpokenCardData#CUE_SECONDS} s after a strong cue the cue listen heard ({@code everyone}: all
     * parties' words as the rules read them): the security code and expiry date follow, and the first pass
     * may have written them as words that raise no doubt ("when the aid" for "oh four twenty eight").
     */
    static Map<String, List<Spurt>> moreToHear(Map<String, List<Spurt>> speech, Map<String, List<Spurt>> heard,
                                               List<Finding> findings, List<Word> everyone) {
        List<CueTurns.Cue> cues = CueTurns.strongCues(everyone);
        Map<String, List<Spurt>> out = new LinkedHashMap<>();
        speech.forEach((party, spurts) -> {
            List<Finding> cards = findings.stream()
                    .filter(f -> f.party().equals(party) && f.kind().equals(Finding.CARD_NUMBER)).toList();
            List<Spurt> done = heard.getOrDefault(party, List.of());
            out.put(party, spurts.stream().filter(s -> !done.contains(s)
                    && (afterCard(s.start(), cards) || afterCue(s.start(), cues) != null)).toList());
        });
        return out;
    }

    private static boolean afterCard(double start, List<Finding> cards) {
        return cards.stream().anyMatch(c -> start >= c.end() - EDGE_SECONDS
                && start - c.end() <= SpokenCardData.PAYMENT_SECONDS);
    }

    /** The kind asked for by the last strong cue that ends within the cue window before {@code start}, or null. */
    private static String afterCue(double start, List<CueTurns.Cue> cues) {
        String kind = null;
        for (CueTurns.Cue c : cues) {
            if (c.word().end() <= start + EDGE_SECONDS && start - c.word().end() <= SpokenCardData.CUE_SECONDS) {
                kind = c.kind();
            }
        }
        return kind;
    }

    /**
     * A number word, a cue, a month, or a digit sound-alike; "to", "too" and "for" only next to another
     * such word ("for for free to"): alone they are in most sentences.
     */
    private static boolean numberish(List<Word> words, int i) {
        String w = SpokenDigits.normalise(words.get(i).word());
        if (SpokenDigits.isNumberWord(w) || SpokenCardData.isCue(w) || SpokenCardData.isMonth(w)
                || SpokenDigits.isWeak(w) && !COMMON.contains(w)) {
            return true;
        }
        return COMMON.contains(w) && (i > 0 && soundsLikeDigit(words.get(i - 1))
                || i + 1 < words.size() && soundsLikeDigit(words.get(i + 1)));
    }

    private static boolean soundsLikeDigit(Word w) {
        return SpokenDigits.isNumberWord(w.word()) || SpokenDigits.isWeak(w.word());
    }

    /**
     * The cue listen's cue words worth believing: "card", "visa", "security", "expiry" ... as heard, and
     * "number", "code" and "back" only after their partner; the rest ("the", "date", "three") go. Forced
     * between a cue and "[unk]" the recogniser still writes "the back" or "code" inside digits now and
     * then, which at worst redacts a number nobody asked for.
     */
    static List<Word> plausibleCues(List<Word> heard) {
        List<Word> out = new ArrayList<>();
        for (int i = 0; i < heard.size(); i++) {
            String w = SpokenDigits.normalise(heard.get(i).word());
            String before = i > 0 ? SpokenDigits.normalise(heard.get(i - 1).word()) : "";
            Set<String> partners = PARTNERED.get(w);
            if (partners != null ? partners.contains(before) : SpokenCardData.isCue(w) && !UNBELIEVED.contains(w)) {
                out.add(heard.get(i));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The party's words as the rules should read them: the first pass's, except in the spurts whose
     * digits fit ({@link #MIN_FIT_PER_SECOND}), where the digits heard stand instead (with the first
     * pass's cue words and months, which the digit grammar has not), and the cues heard.
     */
    static List<Word> view(List<Word> firstPass, List<HeardDigits> digits, List<Word> cues) {
        List<HeardDigits> fitting = digits.stream().filter(h -> h.fitPerSecond() >= MIN_FIT_PER_SECOND).toList();
        List<Word> out = new ArrayList<>();
        for (Word w : firstPass) {
            boolean replaced = fitting.stream().anyMatch(h -> inside(w, h.start(), h.end()));
            if (!replaced || SpokenCardData.isCue(w.word()) || SpokenCardData.isMonth(w.word())) {
                out.add(w);
            }
        }
        fitting.forEach(h -> out.addAll(h.words()));
        // letters heard inside read-out digits are the digits misheard ("c v" in "sixteen one"), not "cvv"
        plausibleCues(cues).stream().filter(w -> !LETTERS.contains(SpokenDigits.normalise(w.word()))
                || fitting.stream().noneMatch(h -> inside(w, h.start(), h.end()))).forEach(out::add);
        out.sort(Comparator.comparingDouble(Word::start));
        return List.copyOf(out);
    }

    /**
     * Card data that the words did not show: a spurt of {@code party} whose digits fit, not already found,
     * <ul>
     *   <li>that starts at most {@value SpokenCardData#PAYMENT_SECONDS} s after a card number the party gave:
     *       the security code or expiry date (an expiry date if a month was heard in it or an expiry cue
     *       said before it);</li>
     *   <li>or within {@value SpokenCardData#CUE_SECONDS} s after a strong cue of anyone's (in
     *       {@code everyone}, all parties' words as the rules read them): what the cue asked for.</li>
     * </ul>
     * The fit says it sounds like digits, or like nothing the model knows ("five six seven" came out as no
     * word at all, and the whole vocabulary's "i played family" fitted no better).
     */
    static List<Finding> answers(String party, List<Finding> found, List<HeardDigits> digits, List<Word> everyone) {
        List<Finding> cards = found.stream().filter(f -> f.kind().equals(Finding.CARD_NUMBER)).toList();
        List<CueTurns.Cue> cues = CueTurns.strongCues(everyone);
        List<Finding> out = new ArrayList<>();
        for (HeardDigits h : digits) {
            boolean known = found.stream().anyMatch(f -> f.start() < h.end() && f.end() > h.start());
            if (h.fitPerSecond() < MIN_FIT_PER_SECOND || known) {
                continue;
            }
            String asked = afterCue(h.start(), cues);
            if (afterCard(h.start(), cards)) {
                boolean expiry = Finding.EXPIRY.equals(asked)
                        || h.words().stream().anyMatch(w -> SpokenCardData.isMonth(w.word()));
                out.add(new Finding(party, expiry ? Finding.EXPIRY : Finding.SECURITY_CODE, h.start(), h.end()));
            } else if (asked != null) {
                out.add(new Finding(party, asked, h.start(), h.end()));
            }
        }
        return out;
    }

    /**
     * The findings, each widened to the whole of every spurt whose digits fit and that it overlaps: the
     * fit says the spurt as a whole sounds like digits, while the digits' times inside it are only as
     * good as the recogniser's guesses (a group it heard as "eight two" started with "three seven").
     */
    static List<Finding> widen(List<Finding> findings, List<HeardDigits> digits) {
        List<HeardDigits> fitting = digits.stream().filter(h -> h.fitPerSecond() >= MIN_FIT_PER_SECOND).toList();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            double start = f.start();
            double end = f.end();
            for (HeardDigits h : fitting) {
                if (h.start() < f.end() && h.end() > f.start()) {
                    start = Math.min(start, h.start());
                    end = Math.max(end, h.end());
                }
            }
            out.add(new Finding(f.party(), f.kind(), start, end));
        }
        return SpokenCardData.merge(out);
    }

    /** The words whose middle lies in {@code start..end} (with {@value #EDGE_SECONDS} s either side). */
    static List<Word> within(List<Word> words, double start, double end) {
        return words.stream().filter(w -> inside(w, start, end)).toList();
    }

    private static boolean inside(Word w, double start, double end) {
        double mid = (w.start() + w.end()) / 2;
        return mid >= start - EDGE_SECONDS && mid <= end + EDGE_SECONDS;
    }
}
