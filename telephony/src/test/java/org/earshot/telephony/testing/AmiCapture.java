package org.earshot.telephony.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Event:} messages of a captured AMI byte stream (server to client, CRLF lines, blank line
 * between messages), in order. The banner and the captured {@code Response:} messages are left out: they
 * answered the original client's ActionIDs, not ours.
 *
 * <p>The captures of a real Asterisk 22 ship in this test-jar under {@code /asterisk/}, e.g.
 * {@code AmiCapture.events(AmiCapture.resource("/asterisk/ami-session-01.raw"))}.
 */
public final class AmiCapture {

    /** Classpath resource of the full session capture (9 queue calls, see expected-facts.json). */
    public static final String SESSION_01 = "/asterisk/ami-session-01.raw";
    /**
     * Classpath resource of the second lab session (supervisor actions, pauses, MixMonitorMute, keypad digits and
     * file growth: the README's "Actions, muting, DTMF and file growth").
     */
    public static final String ACTIONS_01 = "/asterisk/ami-actions-01.raw";
    /** Classpath resource of the per-call facts measured from that session. */
    public static final String EXPECTED_FACTS = "/asterisk/expected-facts.json";

    private AmiCapture() {
    }

    /** Reads a classpath resource (absolute name, e.g. {@link #SESSION_01}) as capture bytes. */
    public static byte[] resource(String name) {
        try (InputStream in = AmiCapture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No capture on the classpath at " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read capture " + name, e);
        }
    }

    public static byte[] file(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read capture " + path, e);
        }
    }

    /** Each {@code Event:} message without its terminating blank line, e.g. "Event: Hangup\r\n...". */
    public static List<String> events(byte[] capture) {
        String text = new String(capture, StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        for (String message : text.split("\r\n\r\n")) {
            String trimmed = message.startsWith("Asterisk Call Manager/")
                    ? message.substring(message.indexOf("\r\n") + 2) : message;
            if (trimmed.startsWith("Event:")) {
                events.add(trimmed);
            }
        }
        return List.copyOf(events);
    }
}
