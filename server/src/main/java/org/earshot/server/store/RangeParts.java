package org.earshot.server.store;

import static org.earshot.server.store.OccupancyRules.BUCKET_MILLIS;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Splits a range (epoch milliseconds) into what the occupancy rollups answer: whole local days,
 * whole 15-minute buckets, and the part of a bucket before a range edge inside it.
 */
final class RangeParts {

    private final ZoneId dayZone;

    /** @param dayZone the zone of usable day rows; null: none usable, whole buckets only */
    RangeParts(ZoneId dayZone) {
        this.dayZone = dayZone;
    }

    /** What {@link #split} finds in a range. */
    interface Parts {
        /** The whole buckets in [from, to), both bucket starts. */
        void buckets(long from, long to);

        /** A whole local day. */
        void day(LocalDate day);

        /** All of the bucket starting at {@code start}. */
        void bucket(long start);

        /** The part [bucketOf(edge), edge) of a bucket, added or taken away. */
        void prefix(long edge, int sign);
    }

    /** Splits [from, to) into the parts the rollups answer. */
    void split(long from, long to, Parts parts) {
        long first = OccupancyRules.bucketOf(from);
        long last = OccupancyRules.bucketOf(to);
        if (first == last) {
            parts.prefix(to, 1);
            parts.prefix(from, -1);
            return;
        }
        long wholeFrom = from;
        if (from != first) {
            parts.bucket(first);
            parts.prefix(from, -1);
            wholeFrom = first + BUCKET_MILLIS;
        }
        parts.prefix(to, 1);
        whole(wholeFrom, last, parts);
    }

    /** [from, to) between bucket starts: whole local days as days, the rest as buckets. */
    private void whole(long from, long to, Parts parts) {
        if (dayZone == null) {
            parts.buckets(from, to);
            return;
        }
        long cursor = from;
        LocalDate day = IntervalRollups.dayOf(from, dayZone);
        long dayStart = startOf(day);
        while (true) {
            long dayEnd = startOf(day.plusDays(1));
            if (dayEnd > to) {
                break;
            }
            // A day row sums the buckets that start in the day: it is the day's time only when its
            // midnights are bucket starts (every zone since the 1970s; not local mean time).
            if (dayStart >= from && OccupancyRules.aligned(dayStart) && OccupancyRules.aligned(dayEnd)) {
                parts.buckets(cursor, dayStart);
                parts.day(day);
                cursor = dayEnd;
            }
            day = day.plusDays(1);
            dayStart = dayEnd;
        }
        parts.buckets(cursor, to);
    }

    private long startOf(LocalDate day) {
        return day.atStartOfDay(dayZone).toInstant().toEpochMilli();
    }

}
