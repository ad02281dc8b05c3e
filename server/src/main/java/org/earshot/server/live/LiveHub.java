package org.earshot.server.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket clients of /api/live and what is pushed to them:
 * {"type": "agents"|"agent"|"queues"|"call"|"kpis", ...}. A new client first gets the whole agent wall
 * ("agents") and the whole queue wall ("queues"); "queues" is pushed whole again on every change.
 * Publishing never blocks: each {@link LiveClient} queues what it is sent.
 */
public final class LiveHub {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json;
    private final Supplier<Object> greeting;
    private final Supplier<Object> queues;

    /** A hub without queues: new clients get an empty queue wall. */
    public LiveHub(ObjectMapper json, Supplier<Object> greeting) {
        this(json, greeting, List::of);
    }

    /**
     * @param greeting what a new client receives first (the current agent wall)
     * @param queues   what it receives next (the current queue wall)
     */
    public LiveHub(ObjectMapper json, Supplier<Object> greeting, Supplier<Object> queues) {
        this.json = json;
        this.greeting = greeting;
        this.queues = queues;
    }

    /**
     * A client finished its WebSocket handshake: send it the current state, then every change until it
     * {@link #leave}s. It joins before the state is read: a change made meanwhile may reach it before the
     * state that already holds it, but none is missed.
     */
    public void join(LiveClient client) {
        clients.add(client);
        client.send(text("agents", "agents", greeting.get()));
        client.send(text("queues", "queues", queues.get()));
    }

    /** The client's connection closed: nothing more is sent to it. */
    public void leave(LiveClient client) {
        clients.remove(client);
    }

    public void publish(String type, String field, Object payload) {
        if (!clients.isEmpty()) {
            send(text(type, field, payload));
        }
    }

    private void send(String text) {
        for (LiveClient client : clients) {
            if (client.keepsUp()) {
                client.send(text);
            } else if (clients.remove(client)) {
                // A client that stopped reading (a suspended tab) is dropped rather than buffered for without end.
                client.close();
            }
        }
    }

    /**
     * Pushes a message whose fields sit beside its type, e.g. {@code {"type":"transcript","callId":...}}
     * (the SPEC's shapes for live analysis and alerts); {@code message} is a record or a map.
     */
    public void publishFlat(String type, Object message) {
        if (!clients.isEmpty()) {
            send(flat(type, message));
        }
    }

    public long clients() {
        return clients.size();
    }

    private String flat(String type, Object message) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.putAll(json.convertValue(message, new TypeReference<Map<String, Object>>() { }));
        return write(type, event);
    }

    private String text(String type, String field, Object payload) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put(field, payload);
        return write(type, event);
    }

    private String write(String type, Map<String, Object> event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            log.error("Live event {} cannot be written as JSON", type, e);
            return "{\"type\":\"error\"}";
        }
    }
}
