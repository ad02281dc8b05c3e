package org.earshot.telephony.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.ImportResult.SkippedLine;
import org.earshot.telephony.ImportResult.SkippedLine.Kind;

/**
 * What a queue_log fold could not use, and which calls that cost: every line it could not read, and every call
 * it read lines of but did not import, so none vanishes unnamed.
 *
 * <p>The rule for a call with an unreadable line: it is imported when its ENTERQUEUE, its end line and, if it was
 * answered, a CONNECT were read, because those carry all it is counted by (outcome, wait, talk, answer time,
 * agent). A lost RINGNOANSWER, DID or second copy of a line only loses a detail (one ring attempt less), so the
 * call imports and the line is listed with it. A call missing one of those lines for want of an unreadable one is
 * not imported: a call counted with a made-up wait or outcome skews the KPIs silently, while a named missing call
 * can be fixed and imported again (the import is keyed by callid, so re-running it adds only what was missing).
 * A call with no end line yet is not given an invented outcome either: it is named, and a later import of the
 * grown log adds it.
 */
final class Leftovers {

    private static final Set<String> CONNECT = Set.of("CONNECT");
    private static final Set<String> ENTERQUEUE = Set.of("ENTERQUEUE");

    private final String file;
    private final List<SkippedLine> skipped = new ArrayList<>();
    /** Unreadable lines of calls that were not open when the line came. */
    private final Map<String, List<UnreadableLine>> stray = new LinkedHashMap<>();
    /** Readable lines of calls that were not open when the line came (no ENTERQUEUE before them). */
    private final Map<String, List<QueueLogLine>> orphans = new LinkedHashMap<>();
    private final Set<String> entered = new HashSet<>();

    Leftovers(String file) {
        this.file = file;
    }

    /** A line that could not be read; {@code open} is the call it is of when that call is in progress. */
    void unreadable(UnreadableLine line, ImportedCall open) {
        if (line.callId() == null) {
            skipped.add(new SkippedLine(file, line.number(), line.reason()));
        } else if (open != null) {
            open.unreadable(line);
        } else {
            stray.computeIfAbsent(line.callId(), id -> new ArrayList<>()).add(line);
        }
    }

    /** A call opened by its ENTERQUEUE: unreadable lines of it that came before (a DID, say) are its own. */
    void entered(ImportedCall call) {
        entered.add(call.id());
        List<UnreadableLine> before = stray.remove(call.id());
        if (before != null) {
            before.forEach(call::unreadable);
        }
    }

    /** A readable line of a call that is not open: its ENTERQUEUE is not in the file, or it came after its end. */
    void orphan(QueueLogLine line) {
        orphans.computeIfAbsent(line.callId(), id -> new ArrayList<>()).add(line);
    }

    /** Decides a call that reached its end line: true when it is imported. */
    boolean finished(ImportedCall call, CallRecord record) {
        boolean gap = record.outcome() == CallOutcome.ANSWERED && !call.connected();
        return settle(call.id(), call.unreadableLines(), gap ? CONNECT : Set.of());
    }

    /** The lines not used, in file order, once the whole file was read; {@code open} are calls with no end line. */
    List<SkippedLine> settle(Collection<ImportedCall> open) {
        for (ImportedCall call : open) {
            if (settle(call.id(), call.unreadableLines(), QueueLogFold.END)) {
                skipped.add(new SkippedLine(file, call.enterLine(), "call " + call.id() + " has no end line after this "
                        + "ENTERQUEUE: still in the queue or talking when the log was copied", call.id(),
                        Kind.NO_END_LINE, true));
            }
        }
        Set<String> ids = new HashSet<>(stray.keySet());
        ids.addAll(orphans.keySet());
        for (String id : ids) {
            settleNeverOpen(id, stray.getOrDefault(id, List.of()), orphans.getOrDefault(id, List.of()));
        }
        skipped.sort(Comparator.comparingInt(SkippedLine::line));
        return skipped;
    }

    /**
     * Lists a call's unreadable lines; those that may have been one of {@code needed} cost the call. True when none
     * did (the call is not lost for want of a line).
     */
    private boolean settle(String id, List<UnreadableLine> lines, Set<String> needed) {
        List<UnreadableLine> culprits = lines.stream().filter(l -> !needed.isEmpty() && l.couldBe(needed)).toList();
        for (UnreadableLine l : lines) {
            skipped.add(new SkippedLine(file, l.number(), l.reason(), id, Kind.UNREADABLE, culprits.contains(l)));
        }
        return culprits.isEmpty();
    }

    /** A call with lines but no ENTERQUEUE read in the file, or lines after it had ended. */
    private void settleNeverOpen(String id, List<UnreadableLine> bad, List<QueueLogLine> good) {
        boolean after = entered.contains(id); // its verdict was given at its end or at the end of the file
        boolean enterUnreadable = bad.stream().anyMatch(l -> l.couldBe(ENTERQUEUE));
        boolean orphansLost = !after && !good.isEmpty() && !enterUnreadable;
        for (UnreadableLine l : bad) {
            // Alone, any line but a DID (which comes before a call queues, if it ever does) is all we know of a call.
            boolean lost = !after && (good.isEmpty() ? !"DID".equals(l.verb()) : l.couldBe(ENTERQUEUE));
            skipped.add(new SkippedLine(file, l.number(), l.reason(), id, Kind.UNREADABLE, lost));
        }
        for (QueueLogLine l : good) {
            String reason = after ? l.verb() + " of call " + id + " after its end line"
                    : l.verb() + " of call " + id + " without an ENTERQUEUE before it in this file";
            skipped.add(new SkippedLine(file, l.number(), reason, id, Kind.NO_ENTERQUEUE, orphansLost));
        }
    }
}
