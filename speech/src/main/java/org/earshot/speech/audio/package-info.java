/**
 * Reads a call recording (WAV in PCM 8 to 32-bit, 32-bit float, µ-law or A-law at 8 to 48 kHz, or
 * MixMonitor's headerless stereo {@code .raw}) into 16-bit samples per channel at 8 or 16 kHz, with
 * the module's one resampler; and writes the PCM WAV header every WAV Earshot makes starts with.
 */
package org.earshot.speech.audio;
