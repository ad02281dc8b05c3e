/**
 * Turns a call recording into an {@link org.earshot.speech.AnalysisReport}: decode, voice activity,
 * overlap and dead air, and a word-timed Vosk transcript per party; start with
 * {@link org.earshot.speech.CallAnalyzer}.
 */
package org.earshot.speech;
