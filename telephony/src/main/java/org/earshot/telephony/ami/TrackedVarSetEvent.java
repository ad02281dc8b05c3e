package org.earshot.telephony.ami;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.VarSetEvent;

/**
 * Asterisk-Java's {@code VarSet} event that shows the value only of the variables the call tracker reads
 * ({@link CallTracker#VARIABLES}). A payment IVR that collects a card number with {@code Read()} sets it in a
 * variable, and Asterisk-Java logs whole events (at DEBUG, and at WARN when one is slow to process): every other
 * variable's value reads as null, in {@code toString()} too. Registered by {@link AmiConnector}; public only
 * because the library instantiates it.
 */
@AsteriskMapping("VarSet")
public final class TrackedVarSetEvent extends VarSetEvent {

    private static final long serialVersionUID = 1L;

    /** Held aside (the library's field stays empty): the variable's name may be set after its value. */
    private transient String heldValue;

    public TrackedVarSetEvent(Object source) {
        super(source);
    }

    @Override
    public void setValue(String value) {
        heldValue = value;
    }

    @Override
    public String getValue() {
        return CallTracker.VARIABLES.contains(getVariable()) ? heldValue : null;
    }
}
