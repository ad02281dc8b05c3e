package org.earshot.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that does not deliver a whole request within the timeout from when the server starts
 * waiting for one (on connect, and after each answer): a half-sent request, a client trickling its headers,
 * or an idle keep-alive connection would otherwise hold a socket for ever. No clock runs while a request is
 * being answered, so a slow route is not cut. Sits between the codec and the aggregator, on the I/O thread;
 * removed once the connection becomes a WebSocket, which has its own policy.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    static final String NAME = "request-deadline";

    private final long timeoutNanos;
    private ScheduledFuture<?> deadline;
    // Requests read whole and not yet answered: pipelined requests may queue up behind a slow one.
    private int unanswered;

    RequestDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent) {
            unanswered++;
            cancel();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean answer = msg instanceof LastHttpContent
                && !(msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL);
        if (answer) {
            promise = promise.unvoid();
            promise.addListener(f -> {
                unanswered = Math.max(0, unanswered - 1);
                if (unanswered == 0 && ctx.channel().isActive()) {
                    arm(ctx);
                }
            });
        }
        ctx.write(msg, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext ctx) {
        cancel();
        deadline = ctx.executor().schedule(() -> {
            if (unanswered == 0) {
                ctx.close();
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
