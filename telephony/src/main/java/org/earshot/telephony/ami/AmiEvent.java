package org.earshot.telephony.ami;

import java.time.Instant;

/**
 * Anything the AMI listener hands to the call thread, copied out of Asterisk-Java's mutable events:
 * call events, queue member events, and the connection's own ups and downs.
 */
sealed interface AmiEvent permits CallEvent, MemberEvent, LinkEvent {

    /** The event's {@code Timestamp} header, or when it was received. */
    Instant at();
}
