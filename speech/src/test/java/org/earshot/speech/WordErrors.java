package org.earshot.speech;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Word errors of a transcript against its reference text, as word error rate counts them. */
public final class WordErrors {

    private static final Map<String, String> DIGITS = Map.of("0", "zero", "1", "one", "2", "two", "3", "three",
            "4", "four", "5", "five", "6", "six", "7", "seven", "8", "eight", "9", "nine");

    private WordErrors() {
    }

    /** Substitutions + deletions + insertions that turn {@code reference} into {@code hypothesis}. */
    public static int count(String reference, String hypothesis) {
        return editDistance(words(reference), words(hypothesis));
    }

    /** Normalised words ({@link AllisonPrompts#normalise}), digits spelt out as the recogniser writes them. */
    public static List<String> words(String text) {
        return Arrays.stream(AllisonPrompts.normalise(text).split(" "))
                .filter(w -> !w.isEmpty()).map(w -> DIGITS.getOrDefault(w, w)).toList();
    }

    /** Word-level Levenshtein distance: substitutions + deletions + insertions. */
    public static int editDistance(List<String> ref, List<String> hyp) {
        int[] prev = new int[hyp.size() + 1];
        int[] cur = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int sub = prev[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[hyp.size()];
    }
}
