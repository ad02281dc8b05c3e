package org.earshot.telephony;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;
import org.earshot.telephony.history.CdrReader;
import org.earshot.telephony.history.QueueLogFold;

/**
 * Turns an Asterisk {@code queue_log} (and optionally the {@code cdr-csv/Master.csv} of the same PBX) into
 * the {@link CallRecord}s live AMI would have given: same ids (the queue_log callid = caller uniqueid),
 * outcome, wait, talk, agents, queues, ring attempts, transfers. Malformed lines are skipped and reported
 * with their line numbers; the rest imports. Idempotency is the store's: import keyed by uniqueId.
 *
 * <p>What an import cannot know without AMI: hold (queue_log has no hold verbs, so {@code holdSeconds}
 * is null), wrap-up (null), recording files and their channel layout, which agent leg hung up beyond
 * COMPLETECALLER/COMPLETEAGENT, and the caller name unless a CDR file is given.
 *
 * <pre>{@code
 * ImportResult result = new QueueLogImporter(ZoneId.of("Europe/Berlin")).read(queueLog, masterCsv);
 * result.calls().forEach(store::save);
 * result.skipped().forEach(s -> log.warn("{}:{}: {}", s.file(), s.line(), s.reason()));
 * }</pre>
 */
public final class QueueLogImporter {

    private final ZoneId cdrZone;

    /** @param cdrZone the PBX's time zone: cdr_csv writes local times without a zone */
    public QueueLogImporter(ZoneId cdrZone) {
        this.cdrZone = Objects.requireNonNull(cdrZone, "cdrZone");
    }

    /** Reads the queue_log, and the CDR csv when {@code cdrCsv} is not null. */
    public ImportResult read(Path queueLog, Path cdrCsv) throws IOException {
        CdrReader.Rows cdr = cdrCsv == null ? CdrReader.Rows.NONE : new CdrReader(cdrZone).read(cdrCsv);
        ImportResult calls = new QueueLogFold(cdr).read(queueLog);
        if (cdr.skipped().isEmpty()) {
            return calls;
        }
        var skipped = new java.util.ArrayList<>(cdr.skipped());
        skipped.addAll(calls.skipped());
        return new ImportResult(calls.calls(), skipped, calls.lines());
    }
}
