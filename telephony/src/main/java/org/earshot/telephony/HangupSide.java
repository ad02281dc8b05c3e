package org.earshot.telephony;

/** Who ended the agent part of a call: Asterisk's AgentComplete {@code Reason}, or the queue itself. */
public enum HangupSide {
    CALLER, AGENT, TRANSFER,
    /** The queue sent the caller out (timeout, exit with key) or the call never reached a queue. */
    SYSTEM;

    /** Maps AgentComplete's {@code Reason: caller|agent|transfer}; null for anything else. */
    public static HangupSide fromReason(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "caller" -> CALLER;
            case "agent" -> AGENT;
            case "transfer" -> TRANSFER;
            default -> null;
        };
    }
}
