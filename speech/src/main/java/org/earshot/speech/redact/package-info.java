/**
 * Finds card data in a call (spoken card numbers, security codes and expiry dates in the transcript,
 * keypad tones in the audio) and takes it out of the transcript before the report leaves the analyzer.
 */
package org.earshot.speech.redact;
