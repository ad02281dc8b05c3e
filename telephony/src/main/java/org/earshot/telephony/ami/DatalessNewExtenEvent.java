package org.earshot.telephony.ami;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.NewExtenEvent;

/**
 * Asterisk-Java's {@code Newexten} event without its {@code AppData}: the dialplan step's arguments come with its
 * variables expanded ({@code SendDTMF(<the digits>)}, a payment AGI's card number), and Asterisk-Java logs whole
 * events (at DEBUG, and at WARN when one is slow to process). Earshot reads no Newexten. Registered by
 * {@link AmiConnector}; public only because the library instantiates it.
 */
@AsteriskMapping("Newexten")
public final class DatalessNewExtenEvent extends NewExtenEvent {

    private static final long serialVersionUID = 1L;

    public DatalessNewExtenEvent(Object source) {
        super(source);
    }

    /** Dropped: see the class comment. */
    @Override
    public void setAppData(String appData) {
        // never kept
    }
}
