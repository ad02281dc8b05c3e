/**
 * Explainable sentiment per party: lexical valence of the words (VADER lexicon) combined with
 * prosodic arousal against the speaker's own baseline and interruptions made, with the cues behind
 * each score, a timeline per window and the call-level label and flags (a mono call's from its
 * words alone); internal.
 */
package org.earshot.speech.sentiment;
