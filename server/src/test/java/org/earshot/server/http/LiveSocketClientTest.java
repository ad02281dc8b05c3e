package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import org.earshot.server.Json;
import org.earshot.server.live.LiveHub;
import org.junit.jupiter.api.Test;

/** An /api/live channel as the hub's client, on an EmbeddedChannel: no sockets. */
class LiveSocketClientTest {

    private final LiveHub hub = new LiveHub(Json.newMapper(), List::of);
    private final EmbeddedChannel socket = new EmbeddedChannel();

    @Test
    void aJoinedSocketGetsTheWallsAndEveryChangeAsTextFrames() {
        LiveSocket.join(hub, socket);
        hub.publish("call", "call", "c1");

        assertThat(texts()).containsExactly("{\"type\":\"agents\",\"agents\":[]}", "{\"type\":\"queues\",\"queues\":[]}",
                "{\"type\":\"call\",\"call\":\"c1\"}");
    }

    @Test
    void aSocketThatClosesLeavesTheHub() {
        LiveSocket.join(hub, socket);

        socket.close();

        assertThat(hub.clients()).isZero();
    }

    @Test
    void aSocketClosedBeforeItJoinedIsNotKept() {
        socket.close();

        LiveSocket.join(hub, socket);

        assertThat(hub.clients()).isZero();
    }

    @Test
    void aSocketWhoseWriteBufferIsFullIsClosedByTheNextChange() {
        LiveSocket.join(hub, socket);
        texts();
        socket.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        socket.write(new TextWebSocketFrame("a frame the client has not taken yet")); // queued, not flushed
        assertThat(socket.isWritable()).isFalse();

        hub.publish("call", "call", "c1");

        assertThat(socket.isOpen()).isFalse();
        assertThat(hub.clients()).isZero();
    }

    private List<String> texts() {
        List<String> texts = new java.util.ArrayList<>();
        for (TextWebSocketFrame frame; (frame = socket.readOutbound()) != null; ) {
            texts.add(frame.text());
            frame.release();
        }
        return texts;
    }
}
