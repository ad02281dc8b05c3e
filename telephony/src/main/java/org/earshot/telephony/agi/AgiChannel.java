package org.earshot.telephony.agi;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FastAGI conversation with Asterisk: send a command line, read its reply. Replies look like
 * {@code 200 result=N [(data)] [endpos=N]}; Asterisk may put its unsolicited {@code HANGUP} line before any
 * reply (fastagi-01.log: {@code HANGUP\n511 Command Not Permitted on a dead channel...} in one chunk), after
 * which commands that touch the channel get {@code 511} while GET VARIABLE still works. Not thread-safe:
 * one script thread owns it.
 */
public final class AgiChannel {

    private static final Logger log = LoggerFactory.getLogger(AgiChannel.class);

    private final AgiRequest request;
    private final LineReader in;
    private final OutputStream out;
    private final Socket socket;
    private final Duration commandTimeout;
    private boolean hungUp;

    AgiChannel(AgiRequest request, LineReader in, OutputStream out, Socket socket, Duration commandTimeout) {
        this.request = Objects.requireNonNull(request, "request");
        this.in = in;
        this.out = out;
        this.socket = socket;
        this.commandTimeout = commandTimeout;
    }

    /** The call's environment and URL parameters. */
    public AgiRequest request() {
        return request;
    }

    /** True once Asterisk said {@code HANGUP} or answered 511. */
    public boolean isHungUp() {
        return hungUp;
    }

    public void answer() throws AgiException {
        if (send("ANSWER", Duration.ZERO).isMinusOne()) {
            throw new AgiHangupException("ANSWER failed: the channel is gone");
        }
    }

    /**
     * Plays a sound file; returns the escape digit pressed, or an empty string. A missing file also gives
     * {@code result=-1} (with {@code endpos=0}), so -1 alone is logged, not taken for a hang-up: if the
     * caller did leave, the next command gets 511.
     */
    public String streamFile(String file, String escapeDigits) throws AgiException {
        AgiReply reply = send("STREAM FILE " + word(file) + " " + quote(escapeDigits), Duration.ZERO);
        if (reply.isMinusOne()) {
            if (hungUp) {
                throw new AgiHangupException("caller hung up during STREAM FILE " + file);
            }
            log.warn("Asterisk could not play '{}' (result=-1): is the sound file installed?", file);
            return "";
        }
        int code = reply.resultCode();
        return code > 0 ? String.valueOf((char) code) : "";
    }

    /**
     * Plays {@code prompt} and collects up to {@code maxDigits} DTMF digits; {@code #} ends input early and is
     * not returned. Returns the digits, empty when the caller pressed nothing before the timeout.
     */
    public String getData(String prompt, Duration timeout, int maxDigits) throws AgiException {
        // Asterisk waits up to the timeout per digit after the prompt; allow for that before calling it lost.
        Duration wait = timeout.multipliedBy(maxDigits + 1L);
        AgiReply reply = send("GET DATA " + word(prompt) + " " + timeout.toMillis() + " " + maxDigits, wait);
        if (reply.isMinusOne()) {
            throw new AgiHangupException("caller hung up during GET DATA " + prompt);
        }
        return reply.result();
    }

    public void setVariable(String name, String value) throws AgiException {
        send("SET VARIABLE " + word(name) + " " + quote(value == null ? "" : value), Duration.ZERO);
    }

    /** A channel variable; empty when not set. Works on a dead channel too. */
    public Optional<String> getVariable(String name) throws AgiException {
        AgiReply reply = send("GET VARIABLE " + word(name), Duration.ZERO);
        return reply.resultCode() == 1 ? Optional.ofNullable(reply.data()) : Optional.empty();
    }

    /** Evaluates an expression such as {@code ${CHANNEL(linkedid)}}; empty when Asterisk could not. */
    public Optional<String> getFullVariable(String expression) throws AgiException {
        AgiReply reply = send("GET FULL VARIABLE " + quote(expression), Duration.ZERO);
        return reply.resultCode() == 1 ? Optional.ofNullable(reply.data()) : Optional.empty();
    }

    public void verbose(String message, int level) throws AgiException {
        send("VERBOSE " + quote(message) + " " + level, Duration.ZERO);
    }

    /** Hangs up the call; the script may still talk to Asterisk (GET VARIABLE) until it returns. */
    public void hangup() throws AgiException {
        send("HANGUP", Duration.ZERO);
        hungUp = true;
    }

    private AgiReply send(String command, Duration extraWait) throws AgiException {
        try {
            socket.setSoTimeout(Math.toIntExact(commandTimeout.plus(extraWait).toMillis()));
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(command);
        } catch (SocketTimeoutException e) {
            throw new AgiException("no reply from Asterisk to '" + command + "' within "
                    + commandTimeout.plus(extraWait).toSeconds() + " s", e);
        } catch (AgiException e) {
            throw e;
        } catch (IOException e) {
            // Asterisk closes the socket when the channel is gone and the script keeps it waiting.
            throw (AgiHangupException) new AgiHangupException("connection to Asterisk lost during '" + command
                    + "': " + e.getMessage()).initCause(e);
        }
    }

    private AgiReply readReply(String command) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new AgiHangupException("Asterisk closed the connection during '" + command + "'");
            }
            if (line.equals("HANGUP")) {
                hungUp = true;
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            AgiReply reply = AgiReply.parse(line);
            if (reply != null) {
                log.debug("AGI {} -> {}", command, line);
                return reply;
            }
            if (line.startsWith("511")) {
                hungUp = true;
                throw new AgiHangupException("'" + command + "' refused: " + line);
            }
            if (line.startsWith("520-")) {
                throw new AgiCommandException(command, 520, usage(line));
            }
            throw new AgiCommandException(command, status(line), line);
        }
    }

    /** A 520 usage reply spans lines up to "520 End of proper usage."; consume them all to stay in step. */
    private String usage(String first) throws IOException {
        StringBuilder text = new StringBuilder(first.substring(4));
        String line;
        while ((line = in.readLine()) != null && !line.startsWith("520 ")) {
            text.append(' ').append(line.trim());
        }
        return text.toString();
    }

    private static int status(String line) {
        try {
            return Integer.parseInt(line.substring(0, Math.min(3, line.length())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A bare argument (file or variable name): no spaces or line breaks, or Asterisk would split it. */
    private static String word(String s) {
        Objects.requireNonNull(s, "AGI argument");
        if (s.isEmpty() || s.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"')) {
            throw new IllegalArgumentException("AGI argument must be one word without quotes, was '" + s + "'");
        }
        return s;
    }

    /** Asterisk's AGI argument parser honours double quotes and backslash escapes. */
    static String quote(String s) {
        String clean = s.replace("\\", "\\\\").replace("\"", "\\\"").replace('\n', ' ').replace('\r', ' ');
        return "\"" + clean + "\"";
    }
}
