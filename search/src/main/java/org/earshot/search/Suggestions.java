package org.earshot.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The allowed value a mistyped one most likely meant, for refusals that say "did you mean ...?":
 * {@code abandon} → {@code abandoned}, {@code Escalaton} → {@code escalation}.
 */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * {@code ": did you mean X?"}, or "" when no value or several are closest. Close means: the same
     * ignoring case and {@code _} for {@code -}, the start of a value (3 characters or more), or
     * within a third of the value's length in edits (at least 2).
     */
    static String didYouMean(String value, List<String> allowed) {
        String typed = value.toLowerCase(Locale.ROOT).replace('_', '-');
        int best = Integer.MAX_VALUE;
        List<String> nearest = new ArrayList<>();
        for (String candidate : allowed) {
            int distance = typed.length() >= 3 && candidate.startsWith(typed) ? 0 : edits(typed, candidate);
            if (distance > Math.max(2, candidate.length() / 3)) {
                continue;
            }
            if (distance < best) {
                best = distance;
                nearest.clear();
            }
            if (distance == best) {
                nearest.add(candidate);
            }
        }
        return nearest.size() == 1 ? ": did you mean " + nearest.get(0) + "?" : "";
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int edits(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
