package org.earshot.telephony.agi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code 200} reply: {@code 200 result=N [(data)] [endpos=N]}. GET DATA puts the digit string in
 * {@code result} (empty when nothing was pressed, then {@code (timeout)}), GET VARIABLE puts the value in
 * the parentheses.
 */
record AgiReply(String result, String data, Long endpos) {

    private static final Pattern OK = Pattern.compile("200 result=(\\S*)(?:\\s+\\((.*)\\))?(?:\\s+endpos=(-?\\d+))?\\s*");

    /** Parses a 200 line, or returns null when the line is not one. */
    static AgiReply parse(String line) {
        Matcher m = OK.matcher(line);
        if (!m.matches()) {
            return null;
        }
        return new AgiReply(m.group(1), m.group(2), m.group(3) == null ? null : Long.valueOf(m.group(3)));
    }

    boolean isMinusOne() {
        return "-1".equals(result);
    }

    int resultCode() {
        try {
            return Integer.parseInt(result);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
