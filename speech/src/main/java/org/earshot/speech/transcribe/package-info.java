/**
 * Word-timed transcripts with Vosk: locating or unpacking the model, resampling telephone audio to
 * the model's 16 kHz (with the audio package's {@code Resampler}), and recognising each talk spurt;
 * internal, no Vosk type leaves it.
 */
package org.earshot.speech.transcribe;
