package org.earshot.telephony.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Event:} messages of a capture's direction-marked {@code .log} transcript, each given a
 * {@code Timestamp:} header with the time its last TCP chunk arrived at the lab, as Asterisk sends with
 * {@code timestampevents = yes}. Replaying these lets a test measure hold, talk and wrap-up in real seconds.
 */
public final class TimedCapture {

    /** The transcript of {@link AmiCapture#SESSION_01}. */
    public static final String SESSION_01_LOG = "/asterisk/ami-session-01.log";
    /** The transcript of {@link AmiCapture#ACTIONS_01}. */
    public static final String ACTIONS_01_LOG = "/asterisk/ami-actions-01.log";

    private static final Pattern CHUNK = Pattern.compile("^(\\S+Z) \\+\\S+ (<<|>>) \\d+ bytes$");

    private TimedCapture() {
    }

    /** The server's events of a transcript, in order, with {@code Timestamp: <epoch.micros>} after {@code Event:}. */
    public static List<String> events(byte[] log) {
        List<String> events = new ArrayList<>();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Instant chunkTime = null;
        boolean serverChunk = false;
        for (String line : new String(log, StandardCharsets.UTF_8).split("\n")) {
            Matcher header = CHUNK.matcher(line);
            if (header.matches()) {
                chunkTime = Instant.parse(header.group(1));
                serverChunk = "<<".equals(header.group(2));
            } else if (serverChunk && line.startsWith("<< ")) {
                byte[] text = line.substring(3).replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
                pending.writeBytes(text);
                if (line.endsWith("\\r\\n") && line.length() == 7) { // a blank line ends a message
                    take(pending, chunkTime, events);
                }
            }
        }
        return List.copyOf(events);
    }

    private static void take(ByteArrayOutputStream pending, Instant at, List<String> events) {
        String message = pending.toString(StandardCharsets.UTF_8).strip();
        pending.reset();
        if (message.startsWith("Asterisk Call Manager/")) {
            message = message.substring(message.indexOf("\r\n") + 2);
        }
        if (!message.startsWith("Event:")) {
            return;
        }
        int firstLineEnd = message.indexOf("\r\n");
        String stamp = String.format(Locale.ROOT, "Timestamp: %d.%06d", at.getEpochSecond(), at.getNano() / 1_000);
        events.add(firstLineEnd < 0 ? message + "\r\n" + stamp
                : message.substring(0, firstLineEnd + 2) + stamp + message.substring(firstLineEnd));
    }
}
