package org.earshot.server.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket clients of /api/live and what is pushed to them:
 * {"type": "agents"|"agent"|"queues"|"call"|"kpis", ...}. A new client first gets the whole agent wall
 * ("agents") and the whole queue wall ("queues"); "queues" is pushed whole again on every change.
 * Publishing never blocks: Netty queues each frame on the client's own event loop.
 */
public final class LiveHub {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    private final ChannelGroup clients = new DefaultChannelGroup("live", GlobalEventExecutor.INSTANCE);
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

    /** A client finished its WebSocket handshake: send it the current state, then every change. */
    public void join(Channel channel) {
        clients.add(channel);
        channel.write(new TextWebSocketFrame(text("agents", "agents", greeting.get())));
        channel.writeAndFlush(new TextWebSocketFrame(text("queues", "queues", queues.get())));
    }

    public void publish(String type, String field, Object payload) {
        if (!clients.isEmpty()) {
            // A client that stopped reading (a suspended tab) is dropped rather than buffered for without end.
            clients.stream().filter(ch -> !ch.isWritable()).forEach(Channel::close);
            clients.writeAndFlush(new TextWebSocketFrame(text(type, field, payload)), Channel::isWritable);
        }
    }

    public long clients() {
        return clients.size();
    }

    private String text(String type, String field, Object payload) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put(field, payload);
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            log.error("Live event {} cannot be written as JSON", type, e);
            return "{\"type\":\"error\"}";
        }
    }
}
