/**
 * Reads a call recording (WAV in PCM, µ-law or A-law, or MixMonitor's headerless stereo {@code .raw})
 * into 16-bit samples per channel; internal to the speech module.
 */
package org.earshot.speech.audio;
