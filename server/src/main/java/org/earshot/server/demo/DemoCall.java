package org.earshot.server.demo;

import java.time.Instant;
import org.earshot.telephony.CallRecord;

/**
 * A generated call as the store will see it, and the caller's post-call survey if they answered one.
 *
 * @param survey null when the caller took no survey
 */
record DemoCall(CallRecord record, Survey survey) {

    /** IVR survey answers, null for a question the caller did not answer (they hung up). */
    record Survey(Integer csat, Integer nps, Integer ces, Instant answeredAt) {
    }

    DemoCall withRecord(CallRecord changed) {
        return new DemoCall(changed, survey);
    }

    DemoCall withSurvey(Survey changed) {
        return new DemoCall(record, changed);
    }
}
