package org.earshot.server.live;

/**
 * One subscriber of the live feed as {@link LiveHub} sees it. The HTTP layer adapts its WebSockets to
 * this, so the hub knows no transport.
 */
public interface LiveClient {

    /** Queues {@code text} as one message to the client; never blocks (publishing runs on AMI's and the jobs' threads). */
    void send(String text);

    /**
     * False while the client has not taken what it was sent already (a suspended tab): sending more would
     * only pile up on the server.
     */
    boolean keepsUp();

    /** Drops the connection without a closing message: a client that does not keep up would not read one. */
    void close();
}
