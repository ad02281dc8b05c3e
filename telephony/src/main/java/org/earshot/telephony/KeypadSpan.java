package org.earshot.telephony;

import java.time.Instant;
import java.util.Objects;

/**
 * A run of keypad digits (AMI {@code DTMFBegin}/{@code DTMFEnd}) one party pressed during a call, with gaps of
 * less than a few seconds between them. It says when and how many, <em>never which</em>: the digits are card data
 * (PCI DSS), so Earshot drops them as the events are read and keeps only the span to redact.
 *
 * @param party  who pressed them
 * @param start  the first digit's begin
 * @param end    the last digit's end (or, when that end was never reported, the next event of the call or its end)
 * @param digits how many digits the run held, at least 1
 */
public record KeypadSpan(Party party, Instant start, Instant end, int digits) {
    public KeypadSpan {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start) || digits < 1) {
            throw new IllegalArgumentException("a keypad span needs start <= end and digits >= 1, was "
                    + start + " .. " + end + ", " + digits + " digits");
        }
    }
}
