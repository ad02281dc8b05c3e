/**
 * Turns a call recording into an {@link org.earshot.speech.AnalysisReport}: decode, voice activity,
 * overlap and dead air, prosody (pitch, loudness, syllable rate), a word-timed Vosk transcript per
 * party and explainable sentiment; start with {@link org.earshot.speech.CallAnalyzer}.
 */
package org.earshot.speech;
