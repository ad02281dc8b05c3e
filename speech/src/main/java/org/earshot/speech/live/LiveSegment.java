package org.earshot.speech.live;

/**
 * A piece of one party's transcript while the call is up.
 *
 * @param party   {@code customer} or {@code agent} (the channel's role)
 * @param isFinal false for a partial result that the next segment of the same party replaces
 * @param start   seconds from the start of the recording (the talk spurt's start)
 * @param end     seconds from the start of the recording (the spurt's end, or how far it is heard so far)
 */
public record LiveSegment(String party, String text, boolean isFinal, double start, double end) {
}
