/**
 * Live analysis of a call while it is up: follows the growing MixMonitor recording, finds each party's talk
 * spurts as they happen, recognises them with a streaming Vosk recogniser and reports words, interruptions,
 * dead air and a rolling sentiment to a {@link org.earshot.speech.live.LiveListener}.
 */
package org.earshot.speech.live;
