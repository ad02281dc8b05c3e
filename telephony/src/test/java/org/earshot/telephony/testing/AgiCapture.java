package org.earshot.telephony.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FastAGI capture {@code asterisk/fastagi-01.log}: per connection, the TCP chunks Asterisk sent
 * ({@code ast->agi}) and the commands the script sent ({@code agi->ast}), decoded from their Python
 * byte-string form.
 */
public final class AgiCapture {

    public static final String RESOURCE = "/asterisk/fastagi-01.log";
    private static final Pattern LINE = Pattern.compile("\\S+ \\+\\S+ #(\\d+) (ast->agi|agi->ast) b'(.*)'");

    /** One recorded chunk. */
    public record Chunk(int connection, boolean fromAsterisk, String text) {}

    private final List<Chunk> chunks;

    private AgiCapture(List<Chunk> chunks) {
        this.chunks = List.copyOf(chunks);
    }

    public static AgiCapture load() {
        try (InputStream in = AgiCapture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            List<Chunk> chunks = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    chunks.add(new Chunk(Integer.parseInt(m.group(1)), m.group(2).equals("ast->agi"),
                            unrepr(m.group(3))));
                }
            }
            return new AgiCapture(chunks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment chunks Asterisk sent on a connection (up to and including the blank line). */
    public List<String> envelope(int connection) {
        List<String> out = new ArrayList<>();
        for (Chunk c : of(connection)) {
            if (!c.fromAsterisk()) {
                break;
            }
            out.add(c.text());
        }
        return out;
    }

    /** The commands the script sent, without their LF. */
    public List<String> commands(int connection) {
        return of(connection).stream().filter(c -> !c.fromAsterisk()).map(c -> c.text().stripTrailing()).toList();
    }

    /** Asterisk's replies after the environment, one chunk per command, in order. */
    public List<String> replies(int connection) {
        List<Chunk> all = of(connection);
        int envelope = envelope(connection).size();
        return all.subList(envelope, all.size()).stream().filter(Chunk::fromAsterisk).map(Chunk::text).toList();
    }

    private List<Chunk> of(int connection) {
        return chunks.stream().filter(c -> c.connection() == connection).toList();
    }

    /** Decodes the body of a Python bytes repr: \n \r \t \\ \' and \xNN. */
    static String unrepr(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
