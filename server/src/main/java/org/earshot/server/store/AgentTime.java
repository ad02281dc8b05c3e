package org.earshot.server.store;

import java.util.List;

/**
 * What one agent's time went to over a range, besides calls: pauses by reason, and the calls their
 * phone rang for without being answered.
 *
 * @param pauses       by reason, reasons in alphabetical order, pauses without a reason first
 * @param ringNoAnswer times they were rung and did not answer (AgentRingNoAnswer, queue_log RINGNOANSWER)
 * @param missed       calls they were rung for and never took (several rings of one call are one missed call)
 */
public record AgentTime(String agent, List<PauseTime> pauses, long ringNoAnswer, long missed) {

    public static final AgentTime NONE = new AgentTime("", List.of(), 0, 0);

    public AgentTime {
        pauses = List.copyOf(pauses);
    }

    public long pausedMillis() {
        return pauses.stream().mapToLong(PauseTime::millis).sum();
    }

    public long pauseCount() {
        return pauses.stream().mapToLong(PauseTime::count).sum();
    }

    public long longestPauseMillis() {
        return pauses.stream().mapToLong(PauseTime::longestMillis).max().orElse(0);
    }
}
