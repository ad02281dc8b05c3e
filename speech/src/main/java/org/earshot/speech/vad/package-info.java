/**
 * Finds talk spurts per channel: 10 ms frames, an energy detector over an adaptive noise floor, then
 * the SPEC's bridging (pauses under 300 ms) and dropping (spurts under 100 ms); internal.
 */
package org.earshot.speech.vad;
