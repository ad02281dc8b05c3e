package org.earshot.server.store;

/**
 * What occupancy is made of over some time: milliseconds of handling (on a call, on hold, in
 * wrap-up) and of logged-in unpaused time (handling plus available and ringing).
 */
public record OccupancyTime(long handlingMillis, long loggedInMillis) {

    public static final OccupancyTime NONE = new OccupancyTime(0, 0);
}
