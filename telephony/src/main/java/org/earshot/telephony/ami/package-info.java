/**
 * Asterisk Manager Interface plumbing behind {@link org.earshot.telephony.AmiBridge}: the connection
 * with its reconnect policy (and the Asterisk-Java event classes it registers so that card data, such as a keypad
 * {@code Digit}, is dropped as events are read), the listener that turns Asterisk-Java events into
 * {@code CallEvent}s, the {@code CallTracker} that folds those into finished
 * {@link org.earshot.telephony.CallRecord}s (with their keypad and muted spans), and the live agent and queue
 * boards ({@code AgentStates}, {@code QueueStates}).
 */
package org.earshot.telephony.ami;
