package org.earshot.telephony;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An agent's counts for one day (in the board's time zone), as far as this process has seen them. After a
 * restart the calls handled start from what the server carries over ({@code AmiBridge.seedCallsHandled}), the
 * other counts from zero (AMI's CallsTaken counts since the agent logged in, not per day).
 *
 * @param date         the day
 * @param callsHandled calls answered and completed
 * @param talkSeconds  sum of Asterisk's TalkTime of those calls
 * @param pauseSeconds time paused (running pauses included up to the state's time)
 */
public record AgentDay(LocalDate date, int callsHandled, double talkSeconds, double pauseSeconds) {
    public AgentDay {
        Objects.requireNonNull(date, "date");
    }
}
