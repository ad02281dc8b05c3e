package org.earshot.telephony.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Session {@code ami-actions-01} cut at the lab's actions: what Asterisk 22 sent before an action, and what it
 * sent from its response up to the next action's response (the response, then the events that followed), so
 * that a replay peer can answer our client's action with Asterisk's own answer to the lab's.
 *
 * <pre>{@code
 * var lab = ActionsCapture.load();
 * AmiReplayPeer.replaying(lab.eventsBefore("earshot-007"))
 *         .replyingTo("Originate", action -> lab.answer("earshot-007", action.get("actionid")))
 * }</pre>
 */
public final class ActionsCapture {

    /** Classpath resource of the bytes the lab's client sent in that session (30 actions). */
    public static final String CLIENT_RAW = "/asterisk/ami-actions-01.client.raw";

    private final List<String> messages;
    private final List<String> clientActions;

    private ActionsCapture(List<String> messages, List<String> clientActions) {
        this.messages = messages;
        this.clientActions = clientActions;
    }

    public static ActionsCapture load() {
        return new ActionsCapture(split(AmiCapture.resource(AmiCapture.ACTIONS_01)),
                split(AmiCapture.resource(CLIENT_RAW)));
    }

    /** The {@code Event:} messages Asterisk sent before its response to the lab's action {@code labId}. */
    public List<String> eventsBefore(String labId) {
        return messages.subList(0, responseIndex(labId)).stream().filter(m -> m.startsWith("Event:")).toList();
    }

    /**
     * Asterisk's response to the lab's action and every message up to the next action's response, each ending in
     * a blank line, with the lab's ActionID replaced by {@code actionId} (the response and OriginateResponse carry it).
     */
    public String answer(String labId, String actionId) {
        int from = responseIndex(labId);
        StringBuilder text = new StringBuilder();
        for (int i = from; i < messages.size(); i++) {
            String m = messages.get(i);
            if (i > from && m.startsWith("Response:") && !m.contains("ActionID: " + labId + "\r\n")) {
                break;
            }
            text.append(m.replace("ActionID: " + labId + "\r\n", "ActionID: " + actionId + "\r\n")).append("\r\n\r\n");
        }
        return text.toString();
    }

    /**
     * The header lines of the lab client's action {@code labId} without its ActionID, header names lower-cased (as
     * Asterisk-Java writes them), in the order sent.
     */
    public List<String> clientAction(String labId) {
        for (String action : clientActions) {
            if (action.contains("ActionID: " + labId + "\r\n") || action.endsWith("ActionID: " + labId)) {
                return fields(action);
            }
        }
        throw new IllegalArgumentException("the lab's client sent no action " + labId);
    }

    /** Header lines of an action as sent, without the ActionID, names lower-cased: comparable across clients. */
    public static List<String> fields(String action) {
        List<String> fields = new ArrayList<>();
        for (String line : action.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (!name.equals("actionid")) {
                fields.add(name + ": " + line.substring(colon + 1).trim());
            }
        }
        return List.copyOf(fields);
    }

    private int responseIndex(String labId) {
        for (int i = 0; i < messages.size(); i++) {
            String m = messages.get(i);
            if (m.startsWith("Response:") && m.contains("ActionID: " + labId + "\r\n")) {
                return i;
            }
        }
        throw new IllegalArgumentException("Asterisk sent no response to " + labId + " in ami-actions-01");
    }

    private static List<String> split(byte[] capture) {
        String text = new String(capture, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String message : text.split("\r\n\r\n")) {
            String m = message.startsWith("Asterisk Call Manager/") ? message.substring(message.indexOf("\r\n") + 2) : message;
            if (!m.isBlank()) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }
}
