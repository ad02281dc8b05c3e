package org.earshot.telephony.history;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * One queue_log line: {@code epoch|callid|queue|agent|event|data1|data2|...}. Errors name the field the way an
 * admin counts them in the file: field 1 is the epoch, field 6 the first data field.
 */
record QueueLogLine(int number, Instant at, String callId, String queue, String agent, String verb, String[] data) {

    /** Field of data(1): queue_log's five fixed fields come first. */
    private static final int FIRST_DATA_FIELD = 6;

    static QueueLogLine parse(int number, String line) {
        String[] f = line.split("\\|", -1);
        if (f.length < 5) {
            throw new IllegalArgumentException("expected epoch|callid|queue|agent|event, found " + f.length
                    + " field(s) in '" + line + "'");
        }
        Instant at = epoch(f[0].trim());
        if (f[4].isBlank()) {
            throw new IllegalArgumentException("no event name (field 5) in '" + line + "'");
        }
        String[] data = new String[f.length - 4]; // data[0] unused: data(1) is the first data field
        System.arraycopy(f, 4, data, 0, data.length);
        return new QueueLogLine(number, at, f[1], f[2], f[3], f[4].trim(), data);
    }

    /** Field {@code n} (1-based) of a line that may not parse, or null when it has no such field or it is blank. */
    static String field(String line, int n) {
        String[] f = line.split("\\|", n + 1);
        return f.length >= n && !f[n - 1].isBlank() ? f[n - 1].trim() : null;
    }

    private static Instant epoch(String text) {
        long seconds = parse(text, Long.MAX_VALUE, "epoch (field 1)");
        try {
            return Instant.ofEpochSecond(seconds);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("epoch (field 1) is out of range: '" + text + "'");
        }
    }

    /** The n-th data field (1-based), "" when absent. */
    String data(int n) {
        return n < data.length ? data[n] : "";
    }

    /**
     * The n-th data field as a count or seconds. Asterisk writes these with {@code %d}, so anything past an int
     * or below zero is a damaged line, not a long call: it is refused rather than stored as a talk time.
     */
    int number(int n, String what) {
        String field = verb + " " + what + " (field " + (n + FIRST_DATA_FIELD - 1) + ")";
        return (int) parse(data(n).trim(), Integer.MAX_VALUE, field);
    }

    private static long parse(String text, long max, String what) {
        if (!text.matches("[+-]?\\d+")) {
            throw new IllegalArgumentException(what + " is not a number: '" + text + "'");
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is out of range: '" + text + "'");
        }
        if (value < 0) {
            throw new IllegalArgumentException(what + " is negative: '" + text + "'");
        }
        if (value > max) {
            throw new IllegalArgumentException(what + " is out of range: '" + text + "'");
        }
        return value;
    }
}
