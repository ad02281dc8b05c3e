package org.earshot.server.store;

import java.util.Set;

/**
 * Which activities occupancy counts (docs/kpis.md "Occupancy"), and the 15-minute UTC buckets its
 * rollups are kept in. Times are epoch milliseconds: the store keeps instants to the millisecond.
 */
final class OccupancyRules {

    /** 15 minutes: every real zone's offset is a multiple of it, so no bucket straddles a local midnight. */
    static final long BUCKET_MILLIS = 15 * 60_000L;

    private static final Set<String> HANDLING = Set.of("on-call", "on-hold", "wrap-up");
    private static final Set<String> LOGGED_IN_UNPAUSED = Set.of("available", "ringing", "on-call", "on-hold", "wrap-up");

    private OccupancyRules() {
    }

    static boolean handling(String activity) {
        return HANDLING.contains(activity);
    }

    /** Paused and logged-out time count in neither sum: such intervals are not rolled up. */
    static boolean counted(String activity) {
        return LOGGED_IN_UNPAUSED.contains(activity);
    }

    static long bucketOf(long millis) {
        return Math.floorDiv(millis, BUCKET_MILLIS) * BUCKET_MILLIS;
    }

    static boolean aligned(long millis) {
        return Math.floorMod(millis, BUCKET_MILLIS) == 0;
    }
}
