/**
 * Test doubles for Asterisk, published in the {@code earshot-telephony} test-jar: {@link
 * org.earshot.telephony.testing.AmiReplayPeer} plays a recorded AMI session to a real client over TCP.
 */
package org.earshot.telephony.testing;
