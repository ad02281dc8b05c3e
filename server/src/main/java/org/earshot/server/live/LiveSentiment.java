package org.earshot.server.live;

/**
 * A party's rolling sentiment over the last 30 s of a call that is still up (SPEC: type "sentiment").
 *
 * @param score the same scale as the post-call report's sentiment
 * @param at    seconds from the start of the recording that the score is as of
 */
public record LiveSentiment(String callId, String party, double score, double at) {
}
