/**
 * FastAGI behind {@link org.earshot.telephony.AgiServer}: the line protocol ({@link org.earshot.telephony.agi.AgiChannel}),
 * the connection handling ({@link org.earshot.telephony.agi.AgiEndpoint}) and Earshot's scripts
 * ({@code survey}, {@code route}, {@code hours}).
 */
package org.earshot.telephony.agi;
