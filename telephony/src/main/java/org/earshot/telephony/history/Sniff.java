package org.earshot.telephony.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Refuses a history file none of whose first {@link #LINES} non-blank lines is of the kind expected: it is the
 * other file (the CDR for the queue_log, say) or a recording given by mistake, and listing each of its lines as
 * skipped would hide that. The refusal is a {@link FileSystemException}, whose file and reason a command line can
 * turn into a message naming its own option.
 */
final class Sniff {

    static final int LINES = 50;
    private static final int SHOWN = 60;

    private final Path file;
    private final String expected;
    private final Predicate<String> otherKind;
    private final String otherName;
    private int nonBlank;
    private boolean recognised;
    private boolean looksOther;
    private String first;

    /**
     * @param expected  the kind wanted, as the message says it: "Asterisk's queue_log (epoch|callid|...)"
     * @param otherKind whether a line is of the file this one is likely mistaken for
     * @param otherName that file, as the message asks about it: "the CDR"
     */
    Sniff(Path file, String expected, Predicate<String> otherKind, String otherName) {
        this.file = file;
        this.expected = expected;
        this.otherKind = otherKind;
        this.otherName = otherName;
    }

    /**
     * Opens a history file as UTF-8, replacing bytes that are not: a stray Latin-1 caller name costs one
     * character, not the import, and a binary file gets as far as this sniff instead of a decoder error.
     */
    static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    /** Notes a non-blank line and whether it was of the expected kind; throws once too many were not. */
    void saw(String line, boolean ofKind) throws FileSystemException {
        if (recognised) {
            return;
        }
        if (ofKind) {
            recognised = true;
            return;
        }
        first = first == null ? line : first;
        looksOther |= otherKind.test(line);
        if (++nonBlank >= LINES) {
            throw refusal();
        }
    }

    /** At the end of the file: refuses a short file with lines but none of the kind; an empty one is fine. */
    void atEnd() throws FileSystemException {
        if (!recognised && nonBlank > 0) {
            throw refusal();
        }
    }

    private FileSystemException refusal() {
        String printable = first.replaceAll("[\\p{Cntrl}\\x{FFFD}]", "?"); // a recording's bytes, say
        String shown = printable.length() > SHOWN ? printable.substring(0, SHOWN) + "..." : printable;
        String hint = looksOther ? "is it " + otherName + "?" : "its first line is '" + shown + "'";
        return new FileSystemException(file.toString(), null, "no line looks like " + expected + "; " + hint);
    }
}
