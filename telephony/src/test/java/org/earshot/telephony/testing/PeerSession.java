package org.earshot.telephony.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** One client connection: reads actions on the session thread, replays events on a second thread. */
final class PeerSession implements Runnable {

    /** Asterisk 22.10.1's reply to CoreSettings, as captured (after Response and ActionID). */
    static final String CORE_SETTINGS = """
            AMIversion: 11.0.0\r
            AsteriskVersion: 22.10.1\r
            SystemName: earshot-lab\r
            CoreMaxCalls: 0\r
            CoreMaxLoadAvg: 0.000000\r
            CoreRunUser: \r
            CoreRunGroup: \r
            CoreMaxFilehandles: 0\r
            CoreRealTimeEnabled: No\r
            CoreCDRenabled: Yes\r
            CoreHTTPenabled: No\r
            SoundsSearchCustomDir: No\r
            """;
    static final String FULLY_BOOTED = "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 268\r\n"
            + "LastReload: 268\r\nStatus: Fully Booted";

    private final AmiReplayPeer peer;
    private final Socket socket;
    private BufferedReader in;
    /** The header lines of the action being read, as the client wrote them. */
    private final StringBuilder raw = new StringBuilder();
    private volatile OutputStream out;
    private String challenge;
    /** Set between a successful login and the start of the replay: the drop point of this session. */
    private Integer pendingReplay;
    /** Which accepted login of the peer this session is, 1 for the first; 0 before login. */
    private int login;
    private final CountDownLatch replayEnded = new CountDownLatch(1);

    PeerSession(AmiReplayPeer peer, Socket socket) {
        this.peer = peer;
        this.socket = socket;
    }

    @Override
    public void run() {
        try (socket) {
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            write(AmiReplayPeer.BANNER + "\r\n");
            Map<String, String> action;
            while ((action = read()) != null) {
                if (!answer(action)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client or the peer's close() ended the connection
        } finally {
            peer.forget(socket);
        }
    }

    /** Next action as lower-case header names to values; null at end of stream. */
    Map<String, String> read() throws IOException {
        var headers = new LinkedHashMap<String, String>();
        raw.setLength(0);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!headers.isEmpty()) {
                    return headers;
                }
                continue;
            }
            raw.append(raw.length() == 0 ? "" : "\r\n").append(line);
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return null;
    }

    /** Replies to one action; false when the connection is to be closed. */
    boolean answer(Map<String, String> action) throws IOException {
        String name = action.getOrDefault("action", "").toLowerCase(Locale.ROOT);
        String id = action.containsKey("actionid") ? "ActionID: " + action.get("actionid") + "\r\n" : "";
        peer.actionReceived(name, raw.toString());
        switch (name) {
            case "challenge" -> {
                challenge = String.valueOf(ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999));
                reply("Response: Success\r\n" + id + "Challenge: " + challenge + "\r\n");
            }
            case "login" -> {
                peer.loginAttempted();
                if (!accepts(action) || peer.rejectsLogin()) {
                    reply("Response: Error\r\n" + id + "Message: Authentication failed\r\n");
                    return false; // Asterisk closes the TCP connection after a failed login
                }
                reply("Response: Success\r\n" + id + "Message: Authentication accepted\r\n");
                login = peer.loginAccepted();
                pendingReplay = login == 1 ? peer.dropFirstSessionAfter() : -1;
                if (peer.replayAfterAction() == null) {
                    startReplay();
                }
            }
            case "coresettings" -> reply("Response: Success\r\n" + id + CORE_SETTINGS);
            case "ping" -> reply("Response: Success\r\n" + id + "Ping: Pong\r\nTimestamp: "
                    + String.format(Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0) + "\r\n");
            case "logoff" -> {
                reply("Response: Goodbye\r\n" + id + "Message: Thanks for all the fish.\r\n");
                return false;
            }
            default -> {
                String scripted = peer.replyTo(name, action);
                if (scripted != null) {
                    write(scripted);
                    return true;
                }
                if (peer.refuses(name, login)) {
                    if (peer.refusesOnlyAfterReplay()) {
                        if (name.equalsIgnoreCase(peer.replayAfterAction())) {
                            startReplay(); // the events first, then the error
                        }
                        awaitReplayEnd();
                    }
                    // As Asterisk answers an action the user may not run (e.g. without read=system).
                    reply("Response: Error\r\n" + id + "Message: Permission denied\r\n");
                    return true;
                }
                List<String> items = peer.itemsFor(name, login);
                if (items == null) {
                    reply("Response: Success\r\n" + id);
                } else {
                    list(name, id, items);
                }
            }
        }
        if (name.equalsIgnoreCase(peer.replayAfterAction())) {
            startReplay(); // after the reply, so the client sees it before the first event
        }
        return true;
    }

    /** A list action's answer as Asterisk 22 shapes it: EventList start, items with ActionID, a Complete event. */
    private void list(String action, String id, List<String> items) throws IOException {
        StringBuilder text = new StringBuilder("Response: Success\r\n").append(id)
                .append("EventList: start\r\nMessage: ").append(items.isEmpty() ? "No items" : "Items")
                .append(" will follow\r\n\r\n");
        String complete = items.isEmpty() || !items.get(0).startsWith("Event: ")
                ? action : items.get(0).substring(7, items.get(0).indexOf('\r'));
        for (String item : items) {
            text.append(item).append("\r\n").append(id).append("\r\n");
        }
        String completeEvent = "coreshowchannels".equals(action) ? "CoreShowChannelsComplete"
                : "queuestatus".equals(action) ? "QueueStatusComplete" : complete + "Complete";
        text.append("Event: ").append(completeEvent).append("\r\n").append(id)
                .append("EventList: Complete\r\nListItems: ").append(items.size()).append("\r\n\r\n");
        write(text.toString());
    }

    private boolean accepts(Map<String, String> login) {
        String user = login.get("username");
        if (login.containsKey("key")) { // MD5 challenge, as Asterisk-Java logs in
            return challenge != null && peer.acceptsKey(user, challenge, login.get("key"));
        }
        return peer.accepts(user, login.get("secret"));
    }

    private void startReplay() {
        if (pendingReplay == null) {
            return; // not logged in, or already replaying
        }
        int dropAfter = pendingReplay;
        pendingReplay = null;
        Thread replay = new Thread(() -> replay(dropAfter), Thread.currentThread().getName() + "-replay");
        replay.setDaemon(true);
        replay.start();
    }

    /** Waits (at most 20 s) until this session's replay has written its last event or stopped. */
    private void awaitReplayEnd() {
        try {
            replayEnded.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void replay(int dropAfter) {
        try {
            // Asterisk sends FullyBooted right after the login response; a capture of a whole session
            // already starts with it.
            List<String> events = peer.eventsFor(login);
            if (events.isEmpty() || !events.get(0).startsWith("Event: FullyBooted")) {
                reply(FULLY_BOOTED + "\r\n");
            }
            for (int i = 0; i < events.size(); i++) {
                if (i == dropAfter) {
                    socket.close();
                    return;
                }
                reply(events.get(i) + "\r\n");
                Duration delay = peer.eventDelay();
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
                }
            }
            peer.replayCompleted();
        } catch (IOException e) {
            // connection gone: stop replaying
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            replayEnded.countDown();
        }
    }

    /** Writes one message (headers ending in CRLF) and its terminating blank line, atomically. */
    private void reply(String message) throws IOException {
        write(message + "\r\n");
    }

    synchronized void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
