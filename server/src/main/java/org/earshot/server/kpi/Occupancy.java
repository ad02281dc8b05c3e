package org.earshot.server.kpi;

import org.earshot.server.store.OccupancyTime;

/**
 * Occupancy = handling time / logged-in unpaused time (SPEC), both measured from the agents'
 * activity intervals: handling is on a call, on hold or in wrap-up; logged-in unpaused adds
 * available and ringing. Paused and logged-out time count in neither. The store adds the times up
 * ({@code AgentIntervalStore.occupancy}); this is the ratio.
 */
final class Occupancy {

    private Occupancy() {
    }

    /** The ratio; null when nobody was logged in (or nothing is known). */
    static Double of(OccupancyTime time) {
        return time == null || time.loggedInMillis() == 0 ? null : (double) time.handlingMillis() / time.loggedInMillis();
    }
}
