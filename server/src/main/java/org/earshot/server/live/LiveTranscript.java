package org.earshot.server.live;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A piece of a call's transcript while the call is up, as {@code /api/live} sends it (SPEC: type "transcript").
 *
 * @param callId  the call's id as in {@code /api/calls/{id}} (the caller channel's uniqueid)
 * @param party   {@code customer} or {@code agent}
 * @param isFinal false for a partial result that a later message for the same party replaces
 * @param start   seconds from the start of the recording
 * @param end     seconds from the start of the recording
 */
public record LiveTranscript(String callId, String party, String text,
                             @JsonProperty("final") boolean isFinal, double start, double end) {
}
