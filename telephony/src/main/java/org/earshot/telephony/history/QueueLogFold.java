package org.earshot.telephony.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.HangupSide;
import org.earshot.telephony.ImportResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds queue_log lines ({@code epoch|callid|queue|agent|event|data...}) into calls: a call opens on
 * ENTERQUEUE and is finished by its terminal verb (COMPLETECALLER/AGENT, ABANDON, EXITWITHTIMEOUT,
 * EXITWITHKEY, EXITEMPTY, WITHDRAW, TRANSFER, BLINDTRANSFER, ATTENDEDTRANSFER). What it cannot use, and the
 * calls that costs, {@link Leftovers} accounts for.
 */
public final class QueueLogFold {

    /** Verbs about agents or the queue itself, not a call: read and recognised, no call comes of them. */
    static final Set<String> NON_CALL = Set.of("QUEUESTART", "CONFIGRELOAD", "ADDMEMBER", "REMOVEMEMBER", "PAUSE",
            "UNPAUSE", "PAUSEALL", "UNPAUSEALL", "AGENTLOGIN", "AGENTLOGOFF", "AGENTCALLBACKLOGIN",
            "AGENTCALLBACKLOGOFF", "SYSCOMPAT", "INFO", "PENALTY", "RINGCANCELED",
            // A caller Queue() turned away before joining: no call of the queue, as live (no QueueCallerJoin).
            "FULL", "JOINEMPTY", "JOINUNAVAIL");
    /** The verbs that end a call. */
    static final Set<String> END = Set.of("COMPLETECALLER", "COMPLETEAGENT", "BLINDTRANSFER", "TRANSFER",
            "ATTENDEDTRANSFER", "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "WITHDRAW", "EXITWITHKEY");
    /** Every verb this fold reads. */
    static final Set<String> KNOWN = known();
    private static final Logger LOG = LoggerFactory.getLogger(QueueLogFold.class);

    private final CdrReader.Rows cdr;

    public QueueLogFold(CdrReader.Rows cdr) {
        this.cdr = cdr;
    }

    /** @throws FileSystemException when the file is not a queue_log at all (see {@link Sniff}) */
    public ImportResult read(Path file) throws IOException {
        ImportResult result = read(file, null, null);
        LOG.info("Imported {} calls from {} ({} lines, {} not used)", result.calls().size(), file, result.lines(),
                result.skipped().size());
        return result;
    }

    /**
     * Reads only the lines stamped {@code from} to {@code to} (inclusive, either null for no bound); a
     * terminal line whose ENTERQUEUE lies before {@code from} is counted as skipped.
     */
    ImportResult read(Path file, Instant from, Instant to) throws IOException {
        Map<String, ImportedCall> open = new LinkedHashMap<>();
        List<CallRecord> calls = new ArrayList<>();
        Leftovers leftovers = new Leftovers(file.toString());
        Sniff sniff = new Sniff(file, "Asterisk's queue_log (epoch|callid|queue|agent|event|...)",
                line -> Csv.fields(line).size() == CdrReader.COLUMNS, "the CDR");
        int number = 0;
        try (BufferedReader in = Sniff.reader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                QueueLogLine parsed = parse(number, line, sniff, leftovers, open);
                if (parsed == null || outside(parsed.at(), from, to)) {
                    continue;
                }
                try {
                    apply(parsed, open, calls, leftovers);
                } catch (IllegalArgumentException e) {
                    leftovers.unreadable(unreadable(number, e.getMessage(), parsed.callId(), parsed.verb()),
                            open.get(parsed.callId()));
                }
            }
        }
        sniff.atEnd();
        return new ImportResult(calls, leftovers.settle(open.values()), number);
    }

    private static boolean outside(Instant at, Instant from, Instant to) {
        return from != null && at.isBefore(from) || to != null && at.isAfter(to);
    }

    /** The parsed line, or null when it could not be read (then the leftovers have it). */
    private static QueueLogLine parse(int number, String line, Sniff sniff, Leftovers leftovers,
                                      Map<String, ImportedCall> open) throws FileSystemException {
        try {
            QueueLogLine parsed = QueueLogLine.parse(number, line);
            sniff.saw(line, true);
            return parsed;
        } catch (IllegalArgumentException e) {
            sniff.saw(line, false);
            UnreadableLine bad = unreadable(number, e.getMessage(), QueueLogLine.field(line, 2),
                    QueueLogLine.field(line, 5));
            leftovers.unreadable(bad, bad.callId() == null ? null : open.get(bad.callId()));
            return null;
        }
    }

    /** A line that could not be read; lines about agents or the queue (callid NONE, MANAGER) name no call. */
    private static UnreadableLine unreadable(int number, String reason, String callId, String verb) {
        boolean noCall = callId == null || "NONE".equals(callId) || "MANAGER".equals(callId)
                || verb != null && NON_CALL.contains(verb);
        return new UnreadableLine(number, reason, noCall ? null : callId, verb);
    }

    private void apply(QueueLogLine l, Map<String, ImportedCall> open, List<CallRecord> calls, Leftovers leftovers) {
        if (NON_CALL.contains(l.verb())) {
            return;
        }
        if ("ENTERQUEUE".equals(l.verb())) {
            ImportedCall call = open.get(l.callId());
            if (call == null) {
                call = new ImportedCall(l, cdr.byUniqueId().get(l.callId()));
                open.put(l.callId(), call);
                leftovers.entered(call);
            } else {
                call.rejoined(l.queue());
            }
            return;
        }
        ImportedCall call = open.get(l.callId());
        if (call == null) {
            // DID comes before ENTERQUEUE; ImportedCall reads it again from the CDR's dst.
            if (!"DID".equals(l.verb())) {
                if (!KNOWN.contains(l.verb())) {
                    throw unknown(l);
                }
                leftovers.orphan(l);
            }
            return;
        }
        CallRecord ended = step(call, l);
        if (ended != null) {
            open.remove(call.id());
            if (leftovers.finished(call, ended)) {
                calls.add(ended);
            }
        }
    }

    /** Applies one line to its open call; returns the finished record when the line ends the call. */
    private static CallRecord step(ImportedCall call, QueueLogLine l) {
        Instant at = l.at();
        return switch (l.verb()) {
            case "CONNECT" -> {
                call.connect(at, l.agent(), l.number(1, "holdtime"));
                yield null;
            }
            case "RINGNOANSWER" -> {
                call.ringNoAnswer(l.agent(), l.number(1, "ring ms"));
                yield null;
            }
            // An agent hung up during the announcement: the caller waits on, nothing to count yet.
            case "DID", "AGENTDUMP" -> null;
            case "COMPLETECALLER" -> call.complete(at, l.agent(), l.number(2, "calltime"), HangupSide.CALLER);
            case "COMPLETEAGENT" -> call.complete(at, l.agent(), l.number(2, "calltime"), HangupSide.AGENT);
            case "BLINDTRANSFER", "TRANSFER" -> call.transfer(at, l.agent(), false, l.data(1) + "@" + l.data(2),
                    l.number(4, "calltime"));
            case "ATTENDEDTRANSFER" -> call.transfer(at, l.agent(), true,
                    l.data(1).toLowerCase(Locale.ROOT) + ":" + l.data(2), l.number(4, "calltime"));
            case "ABANDON" -> call.unanswered(at, CallOutcome.ABANDONED, l.number(1, "position"),
                    l.number(3, "waittime"));
            // The queue sent the caller out (its timeout, leavewhenempty, a QueueWithdrawCaller): not an abandon.
            case "EXITWITHTIMEOUT", "EXITEMPTY", "WITHDRAW" -> call.unanswered(at, CallOutcome.TIMEOUT,
                    l.number(1, "position"), l.number(3, "waittime"));
            case "EXITWITHKEY" -> call.unanswered(at, CallOutcome.EXIT_WITH_KEY, l.number(2, "position"),
                    l.number(4, "waittime"));
            default -> throw unknown(l);
        };
    }

    private static IllegalArgumentException unknown(QueueLogLine l) {
        return new IllegalArgumentException("unknown queue_log event '" + l.verb() + "' (field 5)");
    }

    private static Set<String> known() {
        Set<String> verbs = new HashSet<>(NON_CALL);
        verbs.addAll(END);
        verbs.addAll(Set.of("ENTERQUEUE", "CONNECT", "RINGNOANSWER", "DID", "AGENTDUMP"));
        return Set.copyOf(verbs);
    }
}
