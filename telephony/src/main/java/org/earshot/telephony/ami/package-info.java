/**
 * Asterisk Manager Interface plumbing behind {@link org.earshot.telephony.AmiBridge}: the connection
 * with its reconnect policy, the listener that turns Asterisk-Java events into {@code CallEvent}s, the
 * {@code CallTracker} that folds those into finished {@link org.earshot.telephony.CallRecord}s, and the
 * live agent and queue boards ({@code AgentStates}, {@code QueueStates}).
 */
package org.earshot.telephony.ami;
