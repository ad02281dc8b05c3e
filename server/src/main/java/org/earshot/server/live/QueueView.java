package org.earshot.server.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.earshot.server.crm.CallerCards;
import org.earshot.server.crm.CrmCard;
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

    /**
     * A waiting caller; {@code caller} and {@code callerName} are left out when Asterisk did not know them,
     * {@code crmId}, {@code crmName} and {@code crmUrl} (the record's page) until the CRM lookup found the caller.
     */
    public record Caller(String uniqueId, String caller, String callerName, int position, Instant since,
                         String crmId, String crmName, String crmUrl) {
    }

    public static QueueView of(QueueState q) {
        return of(q, CallerCards.NONE);
    }

    /** @param crm the CRM cards known now (the screen-pop) */
    public static QueueView of(QueueState q, CallerCards crm) {
        return new QueueView(q.queue(), q.waiting(), q.longestWaitSince(),
                q.callers().stream().map(c -> caller(c, crm)).toList());
    }

    /** The whole wall, in the board's order (by queue name). */
    public static List<QueueView> of(List<QueueState> queues) {
        return of(queues, CallerCards.NONE);
    }

    /** The whole wall with the CRM cards known now. */
    public static List<QueueView> of(List<QueueState> queues, CallerCards crm) {
        return queues.stream().map(q -> of(q, crm)).toList();
    }

    private static Caller caller(WaitingCaller c, CallerCards crm) {
        Optional<CrmCard> card = crm.card(c.caller());
        return new Caller(c.uniqueId(), c.caller(), c.callerName(), c.position(), c.since(),
                card.map(CrmCard::crmId).orElse(null), card.map(CrmCard::name).orElse(null),
                card.map(CrmCard::url).orElse(null));
    }
}
