package org.earshot.server.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code from} / {@code to} of the routes: a date in the deployment's time zone or an ISO instant, in
 * years 1 to 9999. Java reads years up to ±999,999,999, which no store or date sum downstream can take: such a
 * value was a 500, now it is a 400 like any other bad date.
 */
final class TimeParams {

    static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    private TimeParams() {
    }

    /**
     * @param end true for {@code to}: a date then means the end of that day (the start of the next)
     * @throws ApiException 400 naming the parameter, its value and what it takes
     */
    static Instant instant(String name, String value, ZoneId zone, boolean end) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                if (!within(day)) {
                    throw refused(name, value);
                }
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            Instant instant = Instant.parse(value);
            if (!within(instant.atZone(java.time.ZoneOffset.UTC).toLocalDate())) {
                throw refused(name, value);
            }
            return instant;
        } catch (DateTimeException e) {
            throw refused(name, value);
        }
    }

    /** A day such as 2026-11-23, in years 1 to 9999. */
    static LocalDate day(String name, String value) {
        try {
            LocalDate day = LocalDate.parse(value);
            if (within(day)) {
                return day;
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw ApiException.badRequest(name + " must be a day such as 2026-11-23 in years 1 to 9999, was '" + value + "'");
    }

    private static boolean within(LocalDate day) {
        return !day.isBefore(FIRST_DAY) && !day.isAfter(LAST_DAY);
    }

    private static ApiException refused(String name, String value) {
        return ApiException.badRequest(name + " must be a date (2026-11-23) or an instant (2026-11-23T08:00:00Z)"
                + " in years 1 to 9999, was '" + value + "'");
    }
}
