package org.earshot.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** A WebSocket client's listener that keeps every text message (of /api/live) as JSON, in order. */
public final class JsonMessages implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> messages;
    private final StringBuilder partial = new StringBuilder();

    /** @param messages where they go: a thread-safe list when read while the socket is open */
    public JsonMessages(List<JsonNode> messages) {
        this.messages = messages;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }
}
