package org.earshot.telephony.history;

import java.time.Instant;

/** One queue_log line: {@code epoch|callid|queue|agent|event|data1|data2|...}. */
record QueueLogLine(Instant at, String callId, String queue, String agent, String verb, String[] data) {

    static QueueLogLine parse(String line) {
        String[] f = line.split("\\|", -1);
        if (f.length < 5) {
            throw new IllegalArgumentException("expected epoch|callid|queue|agent|event, found " + f.length
                    + " fields in '" + line + "'");
        }
        long epoch;
        try {
            epoch = Long.parseLong(f[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad epoch '" + f[0] + "'");
        }
        if (f[4].isBlank()) {
            throw new IllegalArgumentException("no event name in '" + line + "'");
        }
        String[] data = new String[f.length - 4]; // data[0] unused: data(1) is the first data field
        System.arraycopy(f, 4, data, 0, data.length);
        return new QueueLogLine(Instant.ofEpochSecond(epoch), f[1], f[2], f[3], f[4].trim(), data);
    }

    /** The n-th data field (1-based), "" when absent. */
    String data(int n) {
        return n < data.length ? data[n] : "";
    }

    long number(int n, String what) {
        String text = data(n).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(verb + " " + what + " is not a number: '" + text + "'");
        }
    }
}
