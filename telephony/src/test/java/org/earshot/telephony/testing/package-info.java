/**
 * Test doubles for Asterisk, published in the {@code earshot-telephony} test-jar: {@link
 * org.earshot.telephony.testing.AmiReplayPeer} plays a recorded AMI session to a real client over TCP, and
 * {@link org.earshot.telephony.testing.FakeAsterisk} plays Asterisk's side of a FastAGI call in the wire
 * format of {@code fastagi-01.log}.
 */
package org.earshot.telephony.testing;
