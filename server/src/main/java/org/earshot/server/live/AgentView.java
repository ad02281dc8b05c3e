package org.earshot.server.live;

import java.time.Instant;
import java.util.List;
import org.earshot.telephony.AgentState;

/**
 * One agent on the live wall (GET /api/agents/live and WebSocket /api/live).
 *
 * @param state logged-out, available, ringing, on-call, on-hold, wrap-up or paused
 * @param since when the agent entered this state
 */
public record AgentView(String agent, String agentInterface, List<String> queues, String state, String pauseReason,
                        String caller, String callId, Instant since, Today today) {

    /** The agent's counts for today in the configured time zone. */
    public record Today(String date, int callsHandled, double talkSeconds, double pauseSeconds) {
    }

    private static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    public static AgentView of(AgentState s) {
        // Tenths of a second: sums of many talk times carry float noise (7170.999999999999) nobody wants to see.
        Today today = s.today() == null ? null : new Today(s.today().date().toString(), s.today().callsHandled(),
                tenths(s.today().talkSeconds()), tenths(s.today().pauseSeconds()));
        return new AgentView(s.agent(), s.agentInterface(), s.queues(), s.activity().key(), s.pauseReason(), s.caller(),
                s.callId(), s.since(), today);
    }
}
