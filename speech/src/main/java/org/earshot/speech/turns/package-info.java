/**
 * Turn-taking between the parties of a call from their talk spurts: overlaps (interruptions and
 * backchannels), dead air and silence; internal.
 */
package org.earshot.speech.turns;
