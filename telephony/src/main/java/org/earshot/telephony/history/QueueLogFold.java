package org.earshot.telephony.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.HangupSide;
import org.earshot.telephony.ImportResult;
import org.earshot.telephony.ImportResult.SkippedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds queue_log lines ({@code epoch|callid|queue|agent|event|data...}) into calls: a call opens on
 * ENTERQUEUE and is finished by its terminal verb (COMPLETECALLER/AGENT, ABANDON, EXITWITHTIMEOUT,
 * EXITWITHKEY, EXITEMPTY, WITHDRAW, TRANSFER, BLINDTRANSFER, ATTENDEDTRANSFER).
 */
public final class QueueLogFold {

    /** Verbs about agents or the queue itself, not a call: read and recognised, no call comes of them. */
    static final Set<String> NON_CALL = Set.of("QUEUESTART", "CONFIGRELOAD", "ADDMEMBER", "REMOVEMEMBER", "PAUSE",
            "UNPAUSE", "PAUSEALL", "UNPAUSEALL", "AGENTLOGIN", "AGENTLOGOFF", "AGENTCALLBACKLOGIN",
            "AGENTCALLBACKLOGOFF", "SYSCOMPAT", "INFO", "PENALTY", "RINGCANCELED");
    private static final Logger LOG = LoggerFactory.getLogger(QueueLogFold.class);

    private final CdrReader.Rows cdr;

    public QueueLogFold(CdrReader.Rows cdr) {
        this.cdr = cdr;
    }

    public ImportResult read(Path file) throws IOException {
        return read(file, null, null);
    }

    /**
     * Reads only the lines stamped {@code from} to {@code to} (inclusive, either null for no bound); a
     * terminal line whose ENTERQUEUE lies before {@code from} is counted as skipped.
     */
    ImportResult read(Path file, Instant from, Instant to) throws IOException {
        Map<String, ImportedCall> open = new LinkedHashMap<>();
        List<org.earshot.telephony.CallRecord> calls = new ArrayList<>();
        List<SkippedLine> skipped = new ArrayList<>();
        int number = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    QueueLogLine parsed = QueueLogLine.parse(line);
                    if (from != null && parsed.at().isBefore(from) || to != null && parsed.at().isAfter(to)) {
                        continue;
                    }
                    apply(parsed, open, calls);
                } catch (IllegalArgumentException e) {
                    skipped.add(new SkippedLine(file.toString(), number, e.getMessage()));
                }
            }
        }
        for (ImportedCall unfinished : from != null || to != null ? List.<ImportedCall>of() : open.values()) {
            LOG.info("queue_log call {} has no final line (still in progress when the file was copied?)", unfinished.id());
        }
        if (from == null && to == null) {
            LOG.info("Imported {} calls from {} ({} lines, {} skipped)", calls.size(), file, number, skipped.size());
        }
        return new ImportResult(calls, skipped, number);
    }

    private void apply(QueueLogLine l, Map<String, ImportedCall> open, List<org.earshot.telephony.CallRecord> calls) {
        if (NON_CALL.contains(l.verb())) {
            return;
        }
        if ("ENTERQUEUE".equals(l.verb())) {
            ImportedCall call = open.get(l.callId());
            if (call == null) {
                open.put(l.callId(), new ImportedCall(l, cdr.byUniqueId().get(l.callId())));
            } else {
                call.rejoined(l.queue());
            }
            return;
        }
        ImportedCall call = open.get(l.callId());
        if (call == null) {
            if ("DID".equals(l.verb())) {
                return; // DID comes before ENTERQUEUE; ImportedCall reads it again from the CDR's dst
            }
            throw new IllegalArgumentException(l.verb() + " for call " + l.callId() + " without an ENTERQUEUE before it");
        }
        Instant at = l.at();
        switch (l.verb()) {
            case "CONNECT" -> call.connect(at, l.agent(), l.number(1, "holdtime"));
            case "RINGNOANSWER" -> call.ringNoAnswer(l.agent(), l.number(1, "ring ms"));
            case "COMPLETECALLER" -> finish(open, calls, call.complete(at, l.agent(), l.number(2, "calltime"), HangupSide.CALLER));
            case "COMPLETEAGENT" -> finish(open, calls, call.complete(at, l.agent(), l.number(2, "calltime"), HangupSide.AGENT));
            case "BLINDTRANSFER", "TRANSFER" -> finish(open, calls, call.transfer(at, l.agent(), false,
                    l.data(1) + "@" + l.data(2), l.number(4, "calltime")));
            case "ATTENDEDTRANSFER" -> finish(open, calls, call.transfer(at, l.agent(), true,
                    l.data(1).toLowerCase(java.util.Locale.ROOT) + ":" + l.data(2), l.number(4, "calltime")));
            case "ABANDON" -> finish(open, calls, call.unanswered(at, CallOutcome.ABANDONED, l.number(1, "position"),
                    l.number(3, "waittime")));
            // The queue sent the caller out (its timeout, leavewhenempty, a QueueWithdrawCaller): not an abandon.
            case "EXITWITHTIMEOUT", "EXITEMPTY", "WITHDRAW" -> finish(open, calls,
                    call.unanswered(at, CallOutcome.TIMEOUT, l.number(1, "position"), l.number(3, "waittime")));
            case "EXITWITHKEY" -> finish(open, calls, call.unanswered(at, CallOutcome.EXIT_WITH_KEY,
                    l.number(2, "position"), l.number(4, "waittime")));
            default -> throw new IllegalArgumentException("unknown queue_log event " + l.verb());
        }
    }

    private static void finish(Map<String, ImportedCall> open, List<org.earshot.telephony.CallRecord> calls,
                               org.earshot.telephony.CallRecord record) {
        open.remove(record.uniqueId());
        calls.add(record);
    }
}
