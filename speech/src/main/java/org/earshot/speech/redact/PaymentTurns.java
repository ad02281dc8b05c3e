package org.earshot.speech.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.vad.Spurt;

/**
 * The turn-level rule behind {@link SpokenCardData}: card data comes in a payment conversation, not
 * alone. A caller reads the card number in groups with pauses and goes straight on to the code; the
 * agent asks for the expiry and the code right after the number. When the recogniser catches one of
 * these pieces but not the others, the others are still next to it. So a spurt of the party in which
 * digits were heard is card data, whole, when
 * <ul>
 *   <li>it is in the same turn (the party's spurts until another party speaks) as card data found by the
 *       word rules, at most {@value #FOLLOW_UP_SECONDS} s from it, or</li>
 *   <li>its turn starts at most {@value #FOLLOW_UP_SECONDS} s after the end of the party's card number
 *       (the agent's "and the expiry?" in between).</li>
 * </ul>
 * Recall over precision, as the issue asks: an amount read out right after a card number is taken too.
 */
final class PaymentTurns {

    static final double FOLLOW_UP_SECONDS = 30.0;

    private static final Set<String> MONTHS = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");

    private PaymentTurns() {
    }

    /**
     * @param own    the party's spurts, in time order
     * @param others the other parties' spurts
     * @param heard  the party's words after the second listen ({@link Relisten#view})
     * @param found  the party's card data found by the word rules
     */
    static List<Finding> find(String party, List<Spurt> own, List<Spurt> others, List<Word> heard, List<Finding> found) {
        List<Finding> out = new ArrayList<>();
        for (List<Spurt> turn : turns(own, others)) {
            double start = turn.get(0).start();
            double end = turn.get(turn.size() - 1).end();
            List<Finding> inTurn = found.stream().filter(f -> f.start() < end && f.end() > start).toList();
            boolean followsCard = found.stream().anyMatch(f -> f.kind().equals(Finding.CARD_NUMBER)
                    && f.end() <= start && start - f.end() <= FOLLOW_UP_SECONDS);
            if (inTurn.isEmpty() && !followsCard) {
                continue;
            }
            for (Spurt s : turn) {
                List<Word> words = Relisten.within(heard, s);
                boolean near = followsCard || inTurn.stream().anyMatch(f -> s.end() >= f.start() - FOLLOW_UP_SECONDS
                        && s.start() <= f.end() + FOLLOW_UP_SECONDS);
                if (near && words.stream().anyMatch(w -> SpokenDigits.isNumberWord(w.word()) || isZero(w.word()))) {
                    out.add(new Finding(party, kind(s, words, inTurn), s.start(), s.end()));
                }
            }
        }
        return out;
    }

    /**
     * The kind of the turn's card data it overlaps; a card number if the turn's card data follows it
     * (callers read the number first) or it holds enough digits for one; an expiry date if a month or an
     * expiry cue is heard; a security code otherwise.
     */
    private static String kind(Spurt s, List<Word> words, List<Finding> inTurn) {
        var overlapping = inTurn.stream().filter(f -> f.start() < s.end() && f.end() > s.start()).findFirst();
        if (overlapping.isPresent()) {
            return overlapping.get().kind();
        }
        if (inTurn.stream().anyMatch(f -> f.start() >= s.end())) {
            return Finding.CARD_NUMBER;
        }
        boolean expiry = words.stream().map(w -> SpokenDigits.normalise(w.word()))
                .anyMatch(w -> MONTHS.contains(w) || w.startsWith("expir"));
        if (expiry) {
            return Finding.EXPIRY;
        }
        String digits = SpokenDigits.parse(words.stream().map(Word::word).toList());
        return digits.length() >= SpokenCardData.CARD_DIGITS_AFTER_CUE ? Finding.CARD_NUMBER : Finding.SECURITY_CODE;
    }

    private static boolean isZero(String word) {
        String w = SpokenDigits.normalise(word);
        return w.equals("oh") || w.equals("o");
    }

    /** The party's spurts cut into turns wherever another party starts speaking between two of them. */
    static List<List<Spurt>> turns(List<Spurt> own, List<Spurt> others) {
        List<List<Spurt>> turns = new ArrayList<>();
        List<Spurt> turn = new ArrayList<>();
        for (Spurt s : own) {
            if (!turn.isEmpty()) {
                double gapFrom = turn.get(turn.size() - 1).end();
                if (others.stream().anyMatch(o -> o.start() >= gapFrom && o.start() < s.start())) {
                    turns.add(List.copyOf(turn));
                    turn.clear();
                }
            }
            turn.add(s);
        }
        if (!turn.isEmpty()) {
            turns.add(List.copyOf(turn));
        }
        return turns;
    }
}
