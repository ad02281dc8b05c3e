package org.earshot.telephony.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.earshot.telephony.ImportResult.SkippedLine;

/**
 * Reads cdr_csv's Master.csv with {@code loguniqueid}, {@code loguserfield} and {@code newcdrcolumns}: 21
 * columns, rows not in time order, several rows per call. Keeps the row of each uniqueid.
 */
public final class CdrReader {

    /** The columns used (0-based) of the 21 of Asterisk 22's cdr_csv. */
    static final int SRC = 1, DST = 2, CLID = 4, START = 9, END = 11, UNIQUEID = 16, LINKEDID = 19, COLUMNS = 21;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    public CdrReader(ZoneId zone) {
        this.zone = zone;
    }

    /** One CDR row as far as the importer needs it. */
    public record Row(String src, String dst, String callerName, Instant start, Instant end, String uniqueId,
                      String linkedId) {
    }

    /** Rows by uniqueid, and the lines that could not be read. */
    public record Rows(Map<String, Row> byUniqueId, List<SkippedLine> skipped) {
        public static final Rows NONE = new Rows(Map.of(), List.of());
    }

    /** @throws java.nio.file.FileSystemException when the file is not a cdr_csv file at all (see {@link Sniff}) */
    public Rows read(Path file) throws IOException {
        Map<String, Row> rows = new HashMap<>();
        List<SkippedLine> skipped = new ArrayList<>();
        Sniff sniff = new Sniff(file, "cdr_csv's Master.csv (" + COLUMNS + " comma-separated columns, as written with "
                + "loguniqueid, loguserfield and newcdrcolumns = yes)", CdrReader::isQueueLogLine, "the queue_log");
        try (BufferedReader in = Sniff.reader(file)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> f = Csv.fields(line);
                sniff.saw(line, f.size() == COLUMNS);
                if (f.size() != COLUMNS) {
                    skipped.add(new SkippedLine(file.toString(), number, "expected " + COLUMNS + " CDR columns, found "
                            + f.size()));
                    continue;
                }
                try {
                    rows.put(f.get(UNIQUEID), new Row(f.get(SRC), f.get(DST), name(f.get(CLID)),
                            time(f, START, "start"), time(f, END, "end"), f.get(UNIQUEID), f.get(LINKEDID)));
                } catch (IllegalArgumentException e) {
                    // The call itself still imports from queue_log, only without this row's caller name and linkedid.
                    String reason = e.getMessage() + " (uniqueid " + f.get(UNIQUEID) + ")";
                    skipped.add(new SkippedLine(file.toString(), number, reason));
                }
            }
        }
        sniff.atEnd();
        return new Rows(Map.copyOf(rows), skipped);
    }

    private Instant time(List<String> fields, int column, String name) {
        String text = fields.get(column);
        try {
            return text.isBlank() ? null : LocalDateTime.parse(text, TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("CDR " + name + " (column " + (column + 1) + ") is not a time like "
                    + "2026-11-23 00:17:39: '" + text + "'");
        }
    }

    private static boolean isQueueLogLine(String line) {
        try {
            QueueLogLine.parse(0, line);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code "Customer 5550101" <5550101>} → {@code Customer 5550101}. */
    static String name(String clid) {
        int lt = clid.lastIndexOf('<');
        String name = (lt >= 0 ? clid.substring(0, lt) : "").trim();
        if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
            name = name.substring(1, name.length() - 1);
        }
        return name.isBlank() ? null : name;
    }
}
