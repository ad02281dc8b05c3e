package org.earshot.telephony.agi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads Asterisk's LF-terminated lines (a CR before the LF is dropped too) as UTF-8, with a length cap so
 * a peer that never sends a newline cannot grow memory.
 */
final class LineReader {
    private static final int MAX_LINE = 16 * 1024;
    private final InputStream in;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at end of stream before any byte of a line. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return text(line);
            }
            if (line.size() >= MAX_LINE) {
                throw new AgiException("line longer than " + MAX_LINE + " bytes from Asterisk");
            }
            line.write(b);
        }
        // A partial line at end of stream is a cut-off connection, not a line.
        return null;
    }

    private static String text(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
