package org.earshot.telephony.ami;

import java.util.Locale;

/**
 * Asterisk's answers to the supervisor's actions in words a supervisor can act on. The messages are Asterisk 22's
 * as captured in session {@code ami-actions-01} (and manager.c's {@code Permission denied}).
 */
final class AmiWords {

    private AmiWords() {
    }

    /**
     * An error response to {@code action} about {@code agent} ({@code iface}) in {@code queue} (null: every queue).
     */
    static String refused(String action, String message, String agent, String iface, String queue) {
        String m = message == null ? "" : message.trim();
        String lower = m.toLowerCase(Locale.ROOT);
        String inQueue = queue == null ? "any queue" : "queue " + queue;
        if (lower.equals("permission denied")) {
            return "Asterisk refused " + action + ": Earshot's AMI user may not send it (manager.conf: write = "
                    + writeClass(action) + ")";
        }
        if (lower.equals("interface not found")) {
            return agent + " (" + iface + ") is not a member of " + inQueue;
        }
        if (lower.endsWith("not there")) {
            return agent + " (" + iface + ") is not in " + inQueue;
        }
        if (lower.endsWith("no such queue")) {
            return "Asterisk has no " + inQueue;
        }
        if (lower.endsWith("not dynamic")) {
            return agent + " is a member of " + inQueue + " in queues.conf: only members added at run time can be"
                    + " removed";
        }
        return "Asterisk refused " + action + (m.isEmpty() ? "" : ": " + m);
    }

    /** Whether a queue action's error says the agent is not a member it could act on. */
    static boolean membership(String message) {
        String lower = message == null ? "" : message.trim().toLowerCase(Locale.ROOT);
        return lower.equals("interface not found") || lower.endsWith("not there") || lower.endsWith("not dynamic");
    }

    /** An {@code OriginateResponse} with {@code Response: Failure}; {@code reason} is Asterisk's dial outcome code. */
    static String phoneFailed(String phone, Integer reason, long ringSeconds) {
        int code = reason == null ? 0 : reason;
        return switch (code) {
            case 1 -> "Your phone " + phone + " hung up before it was connected";
            case 3 -> "Your phone " + phone + " did not answer within " + ringSeconds + " s";
            case 5 -> "Your phone " + phone + " is busy";
            case 8 -> "Asterisk could not reach your phone " + phone + " (congestion)";
            default -> "Asterisk could not call your phone " + phone
                    + ": check the phone in your profile (no such extension, or the phone is not registered)";
        };
    }

    /** The manager.conf {@code write} class Asterisk requires for an action (see config/asterisk/manager.conf). */
    static String writeClass(String action) {
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "originate" -> "originate";
            case "queuepause", "queueremove" -> "agent";
            case "hangup" -> "call";
            default -> "the class Asterisk's manual names for " + action;
        };
    }
}
