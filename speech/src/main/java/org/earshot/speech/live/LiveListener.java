package org.earshot.speech.live;

/**
 * What the live analysis of one call reports, in recording order, on the live analysis thread that runs
 * the call: implementations return quickly and never throw. Times are seconds from the start of the recording.
 */
public interface LiveListener {

    /** A partial or final piece of a party's transcript. */
    default void segment(LiveSegment segment) { }

    /** A party's sentiment over the last 30 s as of {@code at}, on the post-call report's scale. */
    default void sentiment(String party, double score, double at) { }

    /** {@code party} started speaking over the other party at {@code at} (the post-call report's interruption). */
    default void interruption(String party, double at) { }

    /** Neither party has spoken from {@code since} to {@code at}; repeated about once a second while it lasts. */
    default void silence(double since, double at) { }

    /** Audio up to {@code seconds} of the recording ({@code bytes} of the file) has been analysed. */
    default void progress(long bytes, double seconds) { }

    /** The live analysis ended: the call hung up and the file stopped growing, or it was stopped. */
    default void ended() { }
}
