package org.earshot.telephony.agi;

/**
 * The caller is gone: Asterisk answered {@code 511} (dead channel), {@code result=-1} after its
 * unsolicited {@code HANGUP} line, or closed the connection.
 */
public final class AgiHangupException extends AgiException {
    public AgiHangupException(String message) {
        super(message);
    }
}
