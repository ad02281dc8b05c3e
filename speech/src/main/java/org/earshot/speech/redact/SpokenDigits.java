package org.earshot.speech.redact;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the digits out of number words as a caller says them: single digits ("four one one one"),
 * "oh" / "o" for zero, pairs ("twenty three", "forty", "thirteen"), "double four" / "triple oh",
 * "four hundred" and digits the recogniser wrote as figures. Only the digit count and order matter
 * here (a card number is a string of digits, not a quantity), so "twenty" alone is "20".
 */
final class SpokenDigits {

    private static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("oh", 0), Map.entry("o", 0), Map.entry("nought", 0), Map.entry("nil", 0),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9));
    private static final Map<String, Integer> TEENS = Map.of("ten", 10, "eleven", 11, "twelve", 12, "thirteen", 13,
            "fourteen", 14, "fifteen", 15, "sixteen", 16, "seventeen", 17, "eighteen", 18, "nineteen", 19);
    private static final Map<String, Integer> TENS = Map.of("twenty", 2, "thirty", 3, "forty", 4, "fourty", 4,
            "fifty", 5, "sixty", 6, "seventy", 7, "eighty", 8, "ninety", 9);
    /**
     * Homophones a recogniser writes for digits in telephone speech ("for" for "four"). They count as
     * digits only next to a real number word (see {@link #isWeak}), never alone.
     */
    private static final Map<String, Integer> SOUND_ALIKES = Map.of("for", 4, "fore", 4, "to", 2, "too", 2, "won", 1,
            "ate", 8, "free", 3, "tree", 3);
    private static final Map<String, Integer> REPEATS = Map.of("double", 2, "triple", 3);

    private SpokenDigits() {
    }

    /** Lower case, without the punctuation a recogniser or a test may leave on a word. */
    static String normalise(String word) {
        return word.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** A word that is part of a spoken number on its own: a digit, teen, tens, "double", "hundred", figures. */
    static boolean isNumberWord(String word) {
        String w = normalise(word);
        return !w.isEmpty() && !w.equals("o") && !w.equals("oh")
                && (UNITS.containsKey(w) || TEENS.containsKey(w) || TENS.containsKey(w) || REPEATS.containsKey(w)
                || w.equals("hundred") || w.chars().allMatch(Character::isDigit));
    }

    /** A word that is a digit only among number words: "oh" (also an interjection) and the sound-alikes. */
    static boolean isWeak(String word) {
        String w = normalise(word);
        return w.equals("oh") || w.equals("o") || SOUND_ALIKES.containsKey(w);
    }

    /** The digits the words say, in order; words that are not number words are skipped. */
    static String parse(List<String> words) {
        StringBuilder out = new StringBuilder();
        int repeat = 1;
        for (int i = 0; i < words.size(); i++) {
            String w = normalise(words.get(i));
            String next = i + 1 < words.size() ? normalise(words.get(i + 1)) : "";
            if (REPEATS.containsKey(w)) {
                repeat = REPEATS.get(w);
                continue;
            }
            String digits;
            if (TENS.containsKey(w)) {
                // "twenty three" is two digits; "twenty" alone is "20"
                if (UNITS.containsKey(next) && UNITS.get(next) > 0 && !next.equals("o") && !next.equals("oh")) {
                    digits = TENS.get(w) + "" + UNITS.get(next);
                    i++;
                } else {
                    digits = TENS.get(w) + "0";
                }
            } else if (TEENS.containsKey(w)) {
                digits = String.valueOf(TEENS.get(w));
            } else if (w.equals("hundred")) {
                digits = "00";
            } else if (UNITS.containsKey(w)) {
                digits = String.valueOf(UNITS.get(w));
            } else if (SOUND_ALIKES.containsKey(w)) {
                digits = String.valueOf(SOUND_ALIKES.get(w));
            } else if (!w.isEmpty() && w.chars().allMatch(Character::isDigit)) {
                digits = w;
            } else {
                repeat = 1;
                continue;
            }
            // "double four" repeats the next digit, not a whole pair: "double twenty" is rare enough to read as "2020"
            out.append(String.valueOf(digits.charAt(0)).repeat(repeat - 1)).append(digits);
            repeat = 1;
        }
        return out.toString();
    }

    /** The Luhn check every payment card number passes (ISO/IEC 7812). */
    static boolean luhn(String digits) {
        if (digits.isEmpty()) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
