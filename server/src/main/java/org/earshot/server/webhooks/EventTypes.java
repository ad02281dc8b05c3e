package org.earshot.server.webhooks;

import java.util.List;

/** The event types an endpoint can subscribe to, and the one the "send test event" action sends. */
public final class EventTypes {

    public static final String CALL_ENDED = "call.ended";
    public static final String CALL_ANALYSED = "call.analysed";
    public static final String CALL_FLAGGED = "call.flagged";
    public static final String SURVEY_COMPLETED = "survey.completed";
    public static final String QA_REVIEWED = "qa.reviewed";
    /** An alert rule's condition began (issue 17): once per episode. */
    public static final String ALERT_RAISED = "alert.raised";
    /** Sent to one endpoint on request only; nobody subscribes to it. */
    public static final String TEST = "webhook.test";

    /** Every type a webhook may subscribe to, in the order the UI lists them. */
    public static final List<String> SUBSCRIBABLE = List.of(CALL_ENDED, CALL_ANALYSED, CALL_FLAGGED, SURVEY_COMPLETED,
            QA_REVIEWED, ALERT_RAISED);

    private EventTypes() {
    }
}
