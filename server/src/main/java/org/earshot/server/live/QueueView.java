package org.earshot.server.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.earshot.telephony.QueueState;
import org.earshot.telephony.WaitingCaller;

/**
 * One queue on the live wall (GET /api/queues/live and WebSocket /api/live, type "queues").
 *
 * @param waiting          how many callers wait now
 * @param longestWaitSince since when the longest-waiting caller waits; written as null when nobody waits
 *                         (the wall shows "nobody" rather than a missing figure, so it is not left out)
 * @param callers          the waiting callers by position, 1 = next to be offered to an agent
 */
public record QueueView(String queue, int waiting, @JsonInclude(JsonInclude.Include.ALWAYS) Instant longestWaitSince,
                        List<Caller> callers) {

    /** A waiting caller; {@code caller} and {@code callerName} are left out when Asterisk did not know them. */
    public record Caller(String uniqueId, String caller, String callerName, int position, Instant since) {
    }

    public static QueueView of(QueueState q) {
        return new QueueView(q.queue(), q.waiting(), q.longestWaitSince(), q.callers().stream().map(QueueView::caller).toList());
    }

    /** The whole wall, in the board's order (by queue name). */
    public static List<QueueView> of(List<QueueState> queues) {
        return queues.stream().map(QueueView::of).toList();
    }

    private static Caller caller(WaitingCaller c) {
        return new Caller(c.uniqueId(), c.caller(), c.callerName(), c.position(), c.since());
    }
}
