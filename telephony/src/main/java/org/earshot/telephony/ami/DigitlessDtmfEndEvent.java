package org.earshot.telephony.ami;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.DtmfEndEvent;

/** Asterisk-Java's {@code DTMFEnd} event without its {@code Digit}; see {@link DigitlessDtmfBeginEvent}. */
@AsteriskMapping("DTMFEnd")
public final class DigitlessDtmfEndEvent extends DtmfEndEvent {

    private static final long serialVersionUID = 1L;

    public DigitlessDtmfEndEvent(Object source) {
        super(source);
    }

    /** Drops the digit: see {@link DigitlessDtmfBeginEvent}. */
    @Override
    public void setDigit(String digit) {
        // never kept
    }
}
