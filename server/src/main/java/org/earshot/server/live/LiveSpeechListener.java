package org.earshot.server.live;

/**
 * What the live analysis of calls in progress reports beyond the wall: the alert rules listen here.
 * Times are seconds from the start of the call's recording. Called from the live analysis threads:
 * implementations return quickly and never throw.
 */
public interface LiveSpeechListener {

    LiveSpeechListener NONE = new LiveSpeechListener() { };

    default void transcript(LiveTranscript segment) { }

    default void sentiment(LiveSentiment sentiment) { }

    /** {@code party} started speaking over the other party at {@code at}. */
    default void interruption(String callId, String party, double at) { }

    /** Neither party has spoken from {@code since} to {@code at}; repeated (about once a second) while it lasts. */
    default void silence(String callId, double since, double at) { }

    /** The call's live analysis ended (hang-up, or the recording closed). */
    default void ended(String callId) { }
}
