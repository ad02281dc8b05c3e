package org.earshot.telephony.ami;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.DtmfBeginEvent;

/**
 * Asterisk-Java's {@code DTMFBegin} event without its {@code Digit}: registered in place of the library's class
 * ({@link AmiConnector}), so the digit, which is card data when a customer keys in a card number, is dropped as
 * the event is built and is in no event object, {@code toString()} or library log line (Asterisk-Java logs whole
 * events at DEBUG, and at WARN when one is slow to process). Public only because the library instantiates it.
 */
@AsteriskMapping("DTMFBegin")
public final class DigitlessDtmfBeginEvent extends DtmfBeginEvent {

    private static final long serialVersionUID = 1L;

    public DigitlessDtmfBeginEvent(Object source) {
        super(source);
    }

    /** Drops the digit: see the class comment. */
    @Override
    public void setDigit(String digit) {
        // never kept
    }
}
