/**
 * Asterisk Manager Interface plumbing behind {@link org.earshot.telephony.AmiBridge}: the connection
 * with its reconnect policy, the listener that turns Asterisk-Java events into {@code CallEvent}s, and the
 * {@code CallTracker} that folds those into finished {@link org.earshot.telephony.CallRecord}s.
 */
package org.earshot.telephony.ami;
