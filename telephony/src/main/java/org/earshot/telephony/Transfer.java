package org.earshot.telephony;

import java.time.Instant;
import java.util.Objects;

/**
 * A transfer of the call by an agent; the call keeps one {@link CallRecord}.
 *
 * @param kind      blind or attended
 * @param fromAgent MemberName of the transferring agent, or null when not known
 * @param target    where to: {@code exten@context} (BlindTransfer Extension/Context, AttendedTransfer
 *                  TransferTargetExten/Context, queue_log BLINDTRANSFER); for an attended transfer known
 *                  only from queue_log, {@code bridge:<uuid>}
 * @param at        when Asterisk reported it
 */
public record Transfer(Kind kind, String fromAgent, String target, Instant at) {

    public enum Kind { BLIND, ATTENDED }

    public Transfer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
