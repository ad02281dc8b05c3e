package org.earshot.telephony.history;

import java.util.Set;

/**
 * A queue_log line that could not be read, with what could still be read of it.
 *
 * @param number 1-based line number
 * @param reason what is wrong, naming the field and the bad value
 * @param callId its callid (field 2), or null when the line has none or it names no call (NONE, MANAGER)
 * @param verb   its event (field 5), or null when the line is too broken to tell
 */
record UnreadableLine(int number, String reason, String callId, String verb) {

    /**
     * True when this line may have been one of {@code verbs}: its event is one of them, or could not be read, or
     * is one this reader does not know (a newer Asterisk's end verb, say).
     */
    boolean couldBe(Set<String> verbs) {
        return verb == null || verbs.contains(verb) || !QueueLogFold.KNOWN.contains(verb);
    }
}
