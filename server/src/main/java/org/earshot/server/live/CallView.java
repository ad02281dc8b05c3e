package org.earshot.server.live;

import java.time.Instant;
import org.earshot.telephony.CallRecord;

/** A finished call as live clients see it. */
public record CallView(String id, Instant startedAt, Instant endedAt, String caller, String queue, String agent,
                       String outcome, double waitSeconds, Double talkSeconds, Double handleSeconds) {

    public static CallView of(CallRecord c) {
        return new CallView(c.uniqueId(), c.enteredAt(), c.endedAt(), c.caller(), c.queue(), c.agent(), c.outcome().key(),
                c.waitSeconds(), c.talkSeconds(), c.handleSeconds());
    }
}
