package org.earshot.telephony;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a history import produced: the calls, and every line it could not use, each saying which call (if any)
 * it was of and whether that call was left out for want of it, so no call vanishes unnamed.
 *
 * @param calls   the finished calls, in queue_log order of their last line; ids are the queue_log callids
 * @param skipped lines that could not be used, with where and why, in file order
 * @param lines   lines read from the queue_log
 */
public record ImportResult(List<CallRecord> calls, List<SkippedLine> skipped, int lines) {

    public ImportResult {
        calls = List.copyOf(calls);
        skipped = List.copyOf(skipped);
    }

    /** The lines that could not be read at all (bad number, too few fields, unknown event...). */
    public List<SkippedLine> unreadable() {
        return skipped.stream().filter(s -> s.kind() == SkippedLine.Kind.UNREADABLE).toList();
    }

    /**
     * The calls the queue_log names that were not imported, by why, each call once (as the first line that
     * cost it), in file order.
     */
    public Map<SkippedLine.Kind, List<SkippedLine>> notImported() {
        Map<SkippedLine.Kind, Map<String, SkippedLine>> byKind = new EnumMap<>(SkippedLine.Kind.class);
        for (SkippedLine s : skipped) {
            if (s.callLost()) {
                byKind.computeIfAbsent(s.kind(), k -> new LinkedHashMap<>()).putIfAbsent(s.callId(), s);
            }
        }
        Map<SkippedLine.Kind, List<SkippedLine>> out = new EnumMap<>(SkippedLine.Kind.class);
        byKind.forEach((kind, calls) -> out.put(kind, List.copyOf(calls.values())));
        return out;
    }

    /** Imported calls that had a line the import could not use (e.g. an unreadable RINGNOANSWER), each once. */
    public List<SkippedLine> importedWithout() {
        Set<String> imported = new HashSet<>();
        calls.forEach(c -> imported.add(c.uniqueId()));
        Map<String, SkippedLine> out = new LinkedHashMap<>();
        for (SkippedLine s : skipped) {
            if (s.callId() != null && !s.callLost() && imported.contains(s.callId())) {
                out.putIfAbsent(s.callId(), s);
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * One line that could not be used.
     *
     * @param file     the file it is in
     * @param line     1-based line number
     * @param reason   what is wrong with it, naming the field and the bad value
     * @param callId   the queue_log callid the line is of, or null (a line of no call, a CDR line, no callid field)
     * @param kind     what is wrong: unreadable, or read but its call is incomplete in this file
     * @param callLost true when call {@code callId} was not imported because of this line
     */
    public record SkippedLine(String file, int line, String reason, String callId, Kind kind, boolean callLost) {

        /** An unreadable line that cost no call. */
        public SkippedLine(String file, int line, String reason) {
            this(file, line, reason, null, Kind.UNREADABLE, false);
        }

        public SkippedLine {
            if (callLost && callId == null) {
                throw new IllegalArgumentException("a lost call needs its callId (line " + line + ")");
            }
        }

        /** What is wrong with a line. */
        public enum Kind {
            /** The line could not be read. */
            UNREADABLE,
            /** An ENTERQUEUE whose call has no end line in the file: still waiting or talking when it was copied. */
            NO_END_LINE,
            /**
             * A line of a call with no ENTERQUEUE before it: the file begins after the call joined (or, not costing
             * the call, the line comes after the call's end).
             */
            NO_ENTERQUEUE
        }
    }
}
