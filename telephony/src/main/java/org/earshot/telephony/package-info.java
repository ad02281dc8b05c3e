/**
 * Follows inbound queue calls over Asterisk's Manager Interface and turns each finished call into a
 * {@link org.earshot.telephony.CallRecord} (start one with {@link org.earshot.telephony.AmiBridge}), and
 * serves FastAGI ({@link org.earshot.telephony.AgiServer}: post-call survey, assignment rules, working hours).
 */
package org.earshot.telephony;
