package org.earshot.server.alerts;

import java.util.Locale;

/** How alert details write times and limits: "2 min 5 s", "16 s", "4", "4.5". */
final class Durations {

    private Durations() {
    }

    static String words(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value)
                .replaceAll("0+$", "");
    }
}
