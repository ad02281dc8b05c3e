package org.earshot.speech.redact;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.vad.Spurt;

/**
 * The second listen behind card-data redaction. The small Vosk model, fed resampled telephone audio,
 * often writes a read-out card number as ordinary words ("well no five" for "one oh five") or as nothing
 * it knows, so neither the digits nor the cue before them are in the transcript. Heard again through a
 * grammar that allows only {@link #GRAMMAR} (digit words, "oh", "double" and the cue words), the
 * recogniser has to pick the nearest of those for every stretch of speech, and a read-out number comes
 * out as digits (measured on the generated calls: 5 of 13 card-data utterances found from the first
 * pass alone, see CardRedactionIT). The grammar has no "[unk]": with it, Vosk wrote "[unk]" over most
 * of the digits it had just got wrong.
 *
 * <p>Forcing every sound to a digit would find digits everywhere, so only the spurts that need it are
 * heard again ({@link #doubtful}), and what the second listen hears only adds findings through the same
 * rules ({@link SpokenCardData}, {@link PaymentTurns}); it never replaces the stored transcript.
 */
public final class Relisten {

    /** Fewer recognised words than this per second of a spurt: most of it was not words the model knew. */
    static final double MIN_WORDS_PER_SECOND = 1.5;
    /** Digit sound-alikes that are everyday words too. */
    private static final Set<String> COMMON = Set.of("to", "too", "for");
    /** Words whose middle lies this far outside a spurt still belong to it (the recogniser is fed padded audio). */
    static final double EDGE_SECONDS = 0.2;

    /**
     * What the second listen may hear, all in the bundled model's vocabulary ("cvv" is not: Vosk would
     * drop it with a warning; it hears "c", "v" and "v" as words of the first pass anyway).
     */
    public static final List<String> GRAMMAR = List.of(
            "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "double", "triple",
            "card", "number", "visa", "mastercard", "credit", "debit", "security", "code", "back", "digits",
            "expiry", "expires", "expiration", "date",
            // as phrases the cues win over a string of digits where single words did not ("the card number" in an
            // agent's question came out as "thirty")
            "card number", "the card number", "security code", "the code", "on the back", "expiry date");

    private Relisten() {
    }

    /**
     * Hears each party's spurts again limited to {@link #GRAMMAR}: one segment (of that party) per spurt in
     * which it heard something. The parties may be heard at once, like the first pass.
     */
    @FunctionalInterface
    public interface Ears {
        List<TranscriptSegment> hear(Map<String, List<Spurt>> spurts) throws IOException;
    }

    /**
     * Each party's spurts worth a second listen ({@link #doubtful}), and the other party's last spurt before
     * each of them (within {@value SpokenCardData#CUE_SECONDS} s): the question that may have asked for card data.
     *
     * @param firstPass each party's first-pass words, in time order
     */
    static Map<String, List<Spurt>> toHearAgain(Map<String, List<Spurt>> speech, Map<String, List<Word>> firstPass) {
        Map<String, Set<Spurt>> again = new LinkedHashMap<>();
        speech.forEach((party, spurts) -> again.put(party, new TreeSet<>(Comparator.comparingInt(Spurt::startFrame))));
        speech.forEach((party, spurts) -> {
            for (Spurt s : doubtful(spurts, firstPass.get(party))) {
                again.get(party).add(s);
                speech.forEach((other, theirs) -> {
                    if (!other.equals(party)) {
                        theirs.stream().filter(o -> o.end() <= s.start() + EDGE_SECONDS
                                        && s.start() - o.end() <= SpokenCardData.CUE_SECONDS)
                                .max(Comparator.comparingDouble(Spurt::end)).ifPresent(again.get(other)::add);
                    }
                });
            }
        });
        Map<String, List<Spurt>> out = new LinkedHashMap<>();
        again.forEach((party, spurts) -> out.put(party, List.copyOf(spurts)));
        return out;
    }

    /**
     * The party's spurts worth a second listen: those the first pass heard a number word, a digit
     * sound-alike or a cue in, and those it heard few words in (speech it could not make out): fewer
     * than {@value #MIN_WORDS_PER_SECOND} a second.
     */
    static List<Spurt> doubtful(List<Spurt> spurts, List<Word> firstPass) {
        List<Spurt> out = new ArrayList<>();
        for (Spurt s : spurts) {
            List<Word> words = within(firstPass, s);
            boolean numberish = false;
            for (int i = 0; i < words.size() && !numberish; i++) {
                numberish = numberish(words, i);
            }
            if (numberish || words.size() < MIN_WORDS_PER_SECOND * (s.end() - s.start())) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /**
     * A number word, a cue, or a digit sound-alike; "to", "too" and "for" only next to another such word
     * ("for for free to"): alone they are in most sentences, and would send nearly all speech round again.
     */
    private static boolean numberish(List<Word> words, int i) {
        String w = SpokenDigits.normalise(words.get(i).word());
        if (SpokenDigits.isNumberWord(w) || SpokenCardData.isCue(w) || SpokenDigits.isWeak(w) && !COMMON.contains(w)) {
            return true;
        }
        return COMMON.contains(w) && (i > 0 && soundsLikeDigit(words.get(i - 1))
                || i + 1 < words.size() && soundsLikeDigit(words.get(i + 1)));
    }

    private static boolean soundsLikeDigit(Word w) {
        return SpokenDigits.isNumberWord(w.word()) || SpokenDigits.isWeak(w.word());
    }

    /**
     * The party's words as the rules should read them after the second listen: the first pass's words,
     * except in its doubtful spurts, where the second listen's words stand instead. In the spurts heard
     * again only as the question before another party's doubtful spurt, the second listen adds its cue
     * words and nothing else: forced to choose, it hears digits in any question ("type your card number
     * on the keypad" came out with "three five" in it).
     */
    static List<Word> view(List<Word> firstPass, List<Spurt> doubtful, List<Word> secondListen) {
        Stream<Word> kept = firstPass.stream().filter(w -> doubtful.stream().noneMatch(s -> inside(w, s)));
        Stream<Word> heard = plausibleCues(secondListen).stream()
                .filter(w -> SpokenCardData.isCue(w.word()) || doubtful.stream().anyMatch(s -> inside(w, s)));
        return Stream.concat(kept, heard).sorted(Comparator.comparingDouble(Word::start)).toList();
    }

    /**
     * The second listen's words without the everyday cues it hears alone ("code", "number", "back"): forced
     * to choose, the recogniser writes "code" for "cents" or "oak". They stay after a strong cue or "the"
     * ("security code", "card number", "on the back"), as the grammar's phrases say them.
     */
    private static List<Word> plausibleCues(List<Word> heard) {
        List<Word> out = new ArrayList<>();
        for (int i = 0; i < heard.size(); i++) {
            String w = heard.get(i).word();
            String before = i > 0 ? SpokenDigits.normalise(heard.get(i - 1).word()) : "";
            if (!SpokenCardData.isCue(w) || CueTurns.isStrong(w) || before.equals("the") || CueTurns.isStrong(before)) {
                out.add(heard.get(i));
            }
        }
        return out;
    }

    /** The words whose middle lies in the spurt (with {@value #EDGE_SECONDS} s either side). */
    static List<Word> within(List<Word> words, Spurt s) {
        return words.stream().filter(w -> inside(w, s)).toList();
    }

    private static boolean inside(Word w, Spurt s) {
        double mid = (w.start() + w.end()) / 2;
        return mid >= s.start() - EDGE_SECONDS && mid <= s.end() + EDGE_SECONDS;
    }
}
