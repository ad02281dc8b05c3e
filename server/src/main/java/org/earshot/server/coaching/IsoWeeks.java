package org.earshot.server.coaching;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** ISO weeks (Monday to Sunday) in the KPI time zone, keyed like "2026-W45". */
final class IsoWeeks {

    private final ZoneId zone;

    IsoWeeks(ZoneId zone) {
        this.zone = zone;
    }

    /** The week of an instant, in the zone. */
    String key(Instant at) {
        return key(at.atZone(zone).toLocalDate());
    }

    static String key(LocalDate day) {
        return String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The Mondays of every week that [from, to) touches, in order. */
    List<LocalDate> starts(Instant from, Instant to) {
        LocalDate first = monday(from.atZone(zone).toLocalDate());
        LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate monday = first; !monday.isAfter(last); monday = monday.plusWeeks(1)) {
            starts.add(monday);
        }
        return starts;
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
