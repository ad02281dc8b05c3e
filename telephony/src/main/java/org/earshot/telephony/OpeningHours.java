package org.earshot.telephony;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Weekly opening times of a queue, in local time (the zone lives in {@link QueueRouting}).
 *
 * <pre>{@code
 * OpeningHours.parse("mon-fri 08:00-12:00,13:00-18:00; sat 09:00-13:00");
 * OpeningHours.parse("always");                 // = mon-sun 00:00-24:00
 * }</pre>
 *
 * Days: {@code mon tue wed thu fri sat sun}, lists with commas, ranges with a dash (wrapping ranges such as
 * {@code fri-mon} are allowed). Times: {@code HH:MM-HH:MM}, open inclusive, close exclusive, {@code 24:00}
 * for the end of the day. A window past midnight is two entries ({@code fri 22:00-24:00; sat 00:00-02:00}).
 *
 * @param windows every opening window
 */
public record OpeningHours(List<Window> windows) {

    /** Open all the time. */
    public static final OpeningHours ALWAYS = parse("mon-sun 00:00-24:00");

    /** As the user writes it: 24:00, not LocalTime.MAX's 23:59:59.999999999. */
    private static String hhmm(LocalTime t) {
        return t.equals(LocalTime.MAX) ? "24:00" : t.toString();
    }

    /** One day's window; {@code close} is {@link LocalTime#MAX} for 24:00. */
    public record Window(DayOfWeek day, LocalTime open, LocalTime close) {
        public Window {
            Objects.requireNonNull(day, "day");
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException("closing time " + hhmm(close) + " must be after opening time " + hhmm(open)
                        + " (for a window past midnight write two entries, e.g. 'fri 22:00-24:00; sat 00:00-02:00')");
            }
        }

        boolean contains(DayOfWeek d, LocalTime t) {
            return d == day && !t.isBefore(open) && (t.isBefore(close) || close.equals(LocalTime.MAX));
        }
    }

    public OpeningHours {
        windows = windows.stream().sorted(java.util.Comparator.comparing(Window::day).thenComparing(Window::open))
                .toList();
    }

    /** True when some window holds this local day and time. */
    public boolean isOpen(DayOfWeek day, LocalTime time) {
        return windows.stream().anyMatch(w -> w.contains(day, time));
    }

    /**
     * Parses the text form above.
     *
     * @throws IllegalArgumentException naming the part that does not parse and what is allowed
     */
    public static OpeningHours parse(String text) {
        Objects.requireNonNull(text, "hours");
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("always") || trimmed.equals("24/7")) {
            return parse("mon-sun 00:00-24:00");
        }
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("no opening hours given (e.g. 'mon-fri 08:00-18:00' or 'always')");
        }
        List<Window> windows = new ArrayList<>();
        for (String entry : trimmed.split(";")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            String[] parts = e.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException("'" + e + "' needs days and times, e.g. 'mon-fri 08:00-18:00'");
            }
            List<DayOfWeek> days = days(parts[0]);
            for (String range : parts[1].replace(" ", "").split(",")) {
                LocalTime[] span = span(range);
                days.forEach(d -> windows.add(new Window(d, span[0], span[1])));
            }
        }
        return new OpeningHours(windows);
    }

    private static List<DayOfWeek> days(String spec) {
        List<DayOfWeek> out = new ArrayList<>();
        for (String item : spec.split(",")) {
            int dash = item.indexOf('-');
            if (dash < 0) {
                out.add(day(item));
                continue;
            }
            DayOfWeek from = day(item.substring(0, dash));
            DayOfWeek to = day(item.substring(dash + 1));
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                out.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return out;
    }

    private static DayOfWeek day(String name) {
        String n = name.trim();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (n.length() >= 3 && d.name().toLowerCase(Locale.ROOT).startsWith(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day '" + name + "' (use mon, tue, wed, thu, fri, sat, sun)");
    }

    private static LocalTime[] span(String range) {
        int dash = range.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("'" + range + "' is not a time range like 08:00-18:00");
        }
        return new LocalTime[] {time(range.substring(0, dash)), time(range.substring(dash + 1))};
    }

    private static LocalTime time(String s) {
        if (s.equals("24:00")) {
            return LocalTime.MAX;
        }
        try {
            return LocalTime.parse(s.length() == 4 ? "0" + s : s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a time of day HH:MM (00:00 to 24:00)");
        }
    }

    /** The normalised text form, one entry per window. */
    @Override
    public String toString() {
        return windows.stream().map(w -> w.day().name().substring(0, 3).toLowerCase(Locale.ROOT) + " " + w.open()
                + "-" + (w.close().equals(LocalTime.MAX) ? "24:00" : w.close().toString()))
                .collect(Collectors.joining("; "));
    }
}
