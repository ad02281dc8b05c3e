package org.earshot.telephony.ami;

import java.time.Instant;

/**
 * The join of a queue caller whose {@code QueueCallerJoin} was not seen (it joined while the AMI link was down,
 * or before the bridge started), rebuilt from what a later event carries. Its start is taken back by the wait
 * Asterisk reports ({@code HoldTime}) where the event has one, so the call's wait is Asterisk's, never guessed
 * from when we happened to see it.
 */
final class LateJoin {

    private LateJoin() {
    }

    /**
     * From a queue event about the caller; null for an event that says nothing of a queue (a transfer).
     *
     * @param dialled the direct call its first DialBegin opened (Queue() rings a member with one), or null
     */
    static CallEvent.CallerJoined fromQueueEvent(CallEvent event, DirectCall dialled) {
        String queue = null;
        String linkedId = null;
        String caller = null;
        Instant start = null;
        if (event instanceof CallEvent.AgentConnected e) {
            queue = e.queue();
            linkedId = e.linkedId();
            caller = e.caller();
            start = e.holdSeconds() == null ? null : e.at().minusSeconds(e.holdSeconds());
        } else if (event instanceof CallEvent.AgentCompleted e) {
            queue = e.queue();
            start = e.holdSeconds() == null || e.talkSeconds() == null ? null
                    : e.at().minusSeconds(e.talkSeconds() + e.holdSeconds());
        } else if (event instanceof CallEvent.CallerAbandoned e) {
            start = e.holdSeconds() == null ? null : e.at().minusSeconds(e.holdSeconds());
        } else if (event instanceof CallEvent.CallerLeft e) {
            queue = e.queue();
        } else if (event instanceof CallEvent.AgentRinging e) {
            queue = e.queue();
            linkedId = e.linkedId();
            caller = e.caller();
        } else if (!(event instanceof CallEvent.RingNoAnswer)) {
            return null;
        }
        CallEvent.DialBegan first = dialled == null ? null : dialled.first;
        if (start == null) {
            start = first != null ? first.at() : event.at();
        }
        return new CallEvent.CallerJoined(event.uniqueId(), start,
                linkedId != null ? linkedId : first != null ? first.linkedId() : null,
                caller != null ? caller : first != null ? first.caller() : null,
                first != null ? first.callerName() : null, queue, first != null ? first.exten() : null, null);
    }

    /** From a {@code CoreShowChannel} item of a channel in {@code Queue()}: up for its {@code Duration}. */
    static CallEvent.CallerJoined fromListing(LinkEvent.ChannelListed listed) {
        return new CallEvent.CallerJoined(listed.uniqueId(), listed.at().minusSeconds(listed.upSeconds()),
                listed.linkedId(), listed.caller(), null, null, listed.exten(), null);
    }
}
