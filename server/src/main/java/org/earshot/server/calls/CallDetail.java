package org.earshot.server.calls;

import java.time.Instant;
import java.util.List;
import org.earshot.server.crm.CrmCard;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.SurveyStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.Transfer;

/**
 * One call with everything known about it (SPEC, GET /api/calls/{id}): the API's answer and, without its
 * report, the data of a {@code call.ended} webhook, so the two never drift apart.
 */
public record CallDetail(String id, String linkedId, Instant startedAt, Instant answeredAt, Instant endedAt,
                         double durationSeconds, String caller, String callerName, String crmId, String crmName,
                         String crmUrl, String queue, String agent,
                         String outcome, double waitSeconds, Double talkSeconds, Double holdSeconds, Double wrapUpSeconds,
                         List<AgentTalk> agents, List<Transfer> transfers, String endedBy, boolean partial,
                         String recordingFile, boolean recordingAvailable, String analysisStatus, String analysisError,
                         boolean legalHold, SurveyStore.Survey survey, List<CallEvent> events, AnalysisReport analysis) {

    /** What happened to the call, in order, for people reading it (times null where Asterisk gives none). */
    public record CallEvent(Instant at, String type, String detail) {
    }

    /**
     * @param job      the call's analysis job, or null when it has none (yet)
     * @param survey   its survey answers, or null
     * @param analysis its report, or null when not analysed (or not wanted)
     * @param crm      the CRM record the call was linked to, or null
     */
    public static CallDetail of(CallRecord call, JobQueue.JobStatus job, SurveyStore.Survey survey, AnalysisReport analysis,
                                CrmCard crm) {
        return of(call, job, survey, analysis, crm, false);
    }

    /** The same, with whether the call is under legal hold (exempt from retention and erasure). */
    public static CallDetail of(CallRecord call, JobQueue.JobStatus job, SurveyStore.Survey survey, AnalysisReport analysis,
                                CrmCard crm, boolean legalHold) {
        return new CallDetail(call.uniqueId(), call.linkedId(), call.enteredAt(), call.answeredAt(),
                call.endedAt(), call.durationSeconds(), call.caller(), call.callerName(),
                crm == null ? null : crm.crmId(), crm == null ? null : crm.name(), crm == null ? null : crm.url(),
                call.queue(), call.agent(),
                call.outcome().key(), call.waitSeconds(), call.talkSeconds(), call.holdSeconds(), call.wrapUpSeconds(),
                call.agents(), call.transfers(), call.endedBy() == null ? null : call.endedBy().name().toLowerCase(java.util.Locale.ROOT),
                call.partial(), call.recordingFile(), call.recordingFile() != null,
                job != null ? job.state() : call.recordingFile() == null ? "no recording" : "none",
                job == null ? null : job.error(), legalHold, survey, events(call, survey), analysis);
    }

    /** What happened to the call, in order, as people read it. */
    public static List<CallEvent> events(CallRecord call, SurveyStore.Survey survey) {
        List<CallEvent> events = new java.util.ArrayList<>();
        String queue = call.queue() == null ? "" : " queue " + call.queue();
        events.add(new CallEvent(call.enteredAt(), "entered", ("Entered" + queue
                + (call.joinPosition() == null ? "" : " at position " + call.joinPosition())).strip()));
        for (var ring : call.ringAttempts()) {
            events.add(new CallEvent(null, "ring-no-answer", "Rang " + ring.agent() + " for "
                    + Math.round(ring.ringMillis() / 1000.0) + " s, not answered"));
        }
        if (call.answeredAt() != null) {
            events.add(new CallEvent(call.answeredAt(), "answered", "Answered by " + call.agent() + " after "
                    + Math.round(call.waitSeconds()) + " s"));
        }
        for (Transfer t : call.transfers()) {
            events.add(new CallEvent(t.at(), "transfer", (t.kind() == Transfer.Kind.BLIND ? "Blind" : "Attended")
                    + " transfer by " + t.fromAgent() + " to " + t.target()));
        }
        if (call.holdSeconds() != null && call.holdSeconds() > 0) {
            events.add(new CallEvent(null, "hold", "On hold " + Math.round(call.holdSeconds()) + " s in all"));
        }
        events.add(new CallEvent(call.endedAt(), "ended", "Ended: " + call.outcome().key()
                + (call.endedBy() == null ? "" : ", hung up by " + call.endedBy().name().toLowerCase(java.util.Locale.ROOT))
                + (call.abandonPosition() == null ? "" : " at position " + call.abandonPosition())));
        if (call.wrapUpSeconds() != null && call.wrapUpSeconds() > 0) {
            events.add(new CallEvent(call.endedAt().plusMillis(Math.round(call.wrapUpSeconds() * 1000)), "wrap-up",
                    "Agent wrap-up " + Math.round(call.wrapUpSeconds()) + " s"));
        }
        if (survey != null) {
            events.add(new CallEvent(survey.answeredAt(), "survey", "Survey:"
                    + (survey.csat() == null ? "" : " CSAT " + survey.csat() + "/5")
                    + (survey.nps() == null ? "" : " NPS " + survey.nps() + "/10")
                    + (survey.ces() == null ? "" : " CES " + survey.ces() + "/7")));
        }
        return events;
    }
}
