package org.earshot.telephony.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-side Asterisk for FastAGI: connects to the server, sends the {@code agi_*} environment of the real
 * capture (connection #1 of fastagi-01.log, two TCP chunks, LF only) with the request and fields a test
 * changes, then answers each command the way Asterisk 22 does (replies as in the capture). DTMF for GET DATA
 * comes from {@link #keys}; {@link #TIMEOUT} is "pressed nothing", {@link #HANG_UP} is "caller hung up while
 * asked". After a hang-up Asterisk's unsolicited {@code HANGUP} line precedes the {@code 511} reply, as in
 * the capture, and GET VARIABLE still answers.
 */
public final class FakeAsterisk {

    public static final String TIMEOUT = "<timeout>";
    public static final String HANG_UP = "<hangup>";
    public static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";

    private final List<String> envelope;
    private final Deque<String> keys = new ArrayDeque<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<String> commands = new ArrayList<>();
    private int hangUpAtCommand = -1;
    private boolean dead;
    private boolean hangupLineSent;

    private FakeAsterisk(List<String> envelope) {
        this.envelope = new ArrayList<>(envelope);
    }

    /** A call whose AGI URL is {@code agi://127.0.0.1:4573/<scriptAndQuery>}, e.g. {@code survey?linkedid=X}. */
    public static FakeAsterisk call(String scriptAndQuery) {
        return new FakeAsterisk(AgiCapture.load().envelope(1))
                .env("agi_network_script", scriptAndQuery)
                .env("agi_request", "agi://127.0.0.1:4573/" + scriptAndQuery);
    }

    /** Replaces an agi_* value of the captured environment, or adds the line before the blank one. */
    public FakeAsterisk env(String key, String value) {
        for (int i = 0; i < envelope.size(); i++) {
            String replaced = envelope.get(i).replaceAll("(?m)^" + key + ": .*$",
                    java.util.regex.Matcher.quoteReplacement(key + ": " + value));
            if (!replaced.equals(envelope.get(i))) {
                envelope.set(i, replaced);
                return this;
            }
        }
        int last = envelope.size() - 1;
        String chunk = envelope.get(last);
        envelope.set(last, chunk.substring(0, chunk.length() - 1) + key + ": " + value + "\n\n");
        return this;
    }

    /** What the caller keys in, one entry per GET DATA: digits, {@link #TIMEOUT} or {@link #HANG_UP}. */
    public FakeAsterisk keys(String... presses) {
        keys.addAll(List.of(presses));
        return this;
    }

    /** A channel variable GET VARIABLE will find. */
    public FakeAsterisk variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** The caller hangs up just before the n-th command (0-based) arrives. */
    public FakeAsterisk hangUpAtCommand(int n) {
        hangUpAtCommand = n;
        return this;
    }

    /** The environment chunks this call sends. */
    public List<String> envelope() {
        return List.copyOf(envelope);
    }

    /** What the server did in one call. */
    public record Session(List<String> commands, Map<String, String> variables) {}

    /** Connects, sends the environment, answers until the server closes the connection. */
    public Session dial(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            for (String chunk : envelope) {
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String command;
            while ((command = in.readLine()) != null) {
                commands.add(command);
                out.write(answer(command, commands.size() - 1).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        return new Session(List.copyOf(commands), Map.copyOf(variables));
    }

    private String answer(String command, int index) {
        if (index == hangUpAtCommand) {
            dead = true;
        }
        if (command.startsWith("GET VARIABLE ")) {
            String value = variables.get(command.substring("GET VARIABLE ".length()).trim());
            return value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n";
        }
        if (dead) {
            String reply = (hangupLineSent ? "" : "HANGUP\n") + DEAD + "\n";
            hangupLineSent = true;
            return reply;
        }
        if (command.equals("ANSWER")) {
            return "200 result=0\n";
        }
        if (command.startsWith("STREAM FILE ")) {
            return "200 result=0 endpos=11234\n";
        }
        if (command.startsWith("GET DATA ")) {
            return getData();
        }
        if (command.startsWith("SET VARIABLE ")) {
            String rest = command.substring("SET VARIABLE ".length());
            int space = rest.indexOf(' ');
            variables.put(rest.substring(0, space), unquote(rest.substring(space + 1)));
            return "200 result=1\n";
        }
        if (command.startsWith("VERBOSE ")) {
            return "200 result=1\n";
        }
        if (command.equals("HANGUP")) {
            dead = true;
            return "200 result=1\n";
        }
        return "510 Invalid or unknown command\n";
    }

    private String getData() {
        String press = keys.isEmpty() ? TIMEOUT : keys.poll();
        if (press.equals(TIMEOUT)) {
            return "200 result= (timeout)\n";
        }
        if (press.equals(HANG_UP)) {
            dead = true;
            hangupLineSent = true;
            return "200 result=-1\nHANGUP\n";
        }
        return "200 result=" + press + "\n";
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
