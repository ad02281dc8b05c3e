/**
 * Prosody of one channel from one pass of small processors over 10 ms frames (pitch with TarsosDSP,
 * loudness, band-limited intensity), then pitch statistics, intonation shifts and syllable nuclei;
 * internal, no TarsosDSP type leaves it.
 */
package org.earshot.speech.prosody;
