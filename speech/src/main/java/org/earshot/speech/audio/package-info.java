/**
 * Reads a call recording (WAV in PCM 8 to 32-bit, 32-bit float, µ-law or A-law at 8 to 48 kHz, or
 * MixMonitor's headerless stereo {@code .raw}) into 16-bit samples per channel at 8 or 16 kHz, with
 * the module's one resampler; internal to the speech module.
 */
package org.earshot.speech.audio;
