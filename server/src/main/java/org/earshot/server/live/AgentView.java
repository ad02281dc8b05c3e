package org.earshot.server.live;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.earshot.server.crm.CallerCards;
import org.earshot.server.crm.CrmCard;
import org.earshot.telephony.AgentState;

/**
 * One agent on the live wall (GET /api/agents/live and WebSocket /api/live).
 *
 * @param state logged-out, available, ringing, on-call, on-hold, wrap-up or paused
 * @param since when the agent entered this state
 * @param crmId   the caller's CRM record, once the CRM lookup found it; left out otherwise, as are
 * @param crmName the caller's name in the CRM and
 * @param crmUrl  the record's page in the CRM
 */
public record AgentView(String agent, String agentInterface, List<String> queues, String state, String pauseReason,
                        String caller, String callId, Instant since, Today today, String crmId, String crmName,
                        String crmUrl) {

    /** The agent's counts for today in the configured time zone. */
    public record Today(String date, int callsHandled, double talkSeconds, double pauseSeconds) {
    }

    private static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    public static AgentView of(AgentState s) {
        return of(s, CallerCards.NONE);
    }

    /** @param crm the CRM cards known now (the screen-pop) */
    public static AgentView of(AgentState s, CallerCards crm) {
        // Tenths of a second: sums of many talk times carry float noise (7170.999999999999) nobody wants to see.
        Today today = s.today() == null ? null : new Today(s.today().date().toString(), s.today().callsHandled(),
                tenths(s.today().talkSeconds()), tenths(s.today().pauseSeconds()));
        Optional<CrmCard> card = s.caller() == null ? Optional.empty() : crm.card(s.caller());
        return new AgentView(s.agent(), s.agentInterface(), s.queues(), s.activity().key(), s.pauseReason(), s.caller(),
                s.callId(), s.since(), today, card.map(CrmCard::crmId).orElse(null), card.map(CrmCard::name).orElse(null),
                card.map(CrmCard::url).orElse(null));
    }
}
