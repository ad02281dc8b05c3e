package org.earshot.server.store;

/**
 * An agent's pauses of one reason over a range (docs: README "Pause reasons and agent time").
 *
 * @param reason        QueueMemberPause's PausedReason, or null for pauses without one
 * @param millis        time paused in the range (a pause over the range's edge counts its part inside)
 * @param count         pauses that began in the range
 * @param longestMillis the longest of those, whole (an open one: till now); 0 with no pause begun
 */
public record PauseTime(String reason, long millis, long count, long longestMillis) {
}
