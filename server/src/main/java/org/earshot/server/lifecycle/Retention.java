package org.earshot.server.lifecycle;

import java.time.Clock;
import java.util.List;
import org.earshot.server.store.LifecycleStore;
import org.earshot.server.store.LifecycleStore.Part;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges what the retention policy says is past its date: calls (all but the anonymous facts KPIs count,
 * as erasure leaves them), then analyses (transcript, index text, QA notes' text), then recordings; calls
 * under legal hold are left alone. KPI rollups are not touched, and what they were counted from stays, so
 * the figures of purged days stay as they were, at a range's edges and after a recount too.
 *
 * <p>Works in batches, each committed on its own, recordings deleted before their rows change: a run cut
 * short (crash, stop) leaves nothing half done that the next run does not finish, and a second run finds
 * nothing to do.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final int BATCH = 500;
    // Whole calls first: no point stripping what is deleted next.
    private static final List<Part> ORDER = List.of(Part.CALL, Part.TRANSCRIPT, Part.AUDIO);

    /**
     * What a run did (dry: would do).
     *
     * @param calls           calls reduced to their anonymous KPI facts
     * @param transcripts     analyses (transcript, index text) deleted from calls that stay
     * @param recordings      calls whose recording was deleted
     * @param webhookEvents   webhook events (with their deliveries and attempts) past retention.webhook-days
     * @param filesNotDeleted recording files left on disk (not Earshot's, or an I/O error; logged)
     */
    public record Report(long calls, long transcripts, long recordings, long webhookEvents, int filesNotDeleted,
                         boolean dryRun) {

        /** As the log and the audit say it. */
        public String describe() {
            return (dryRun ? "would purge " : "purged ") + calls + " call(s), " + transcripts + " transcript(s), "
                    + recordings + " recording(s), " + webhookEvents + " webhook event(s)"
                    + (filesNotDeleted > 0 ? "; " + filesNotDeleted
                    + " recording file(s) not deleted (see the log)" : "");
        }
    }

    private final LifecycleStore store;
    private final RecordingFiles files;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final Erasure.Audit audit;

    public Retention(LifecycleStore store, RecordingFiles files, RetentionPolicy policy, Clock clock, Erasure.Audit audit) {
        this.store = store;
        this.files = files;
        this.policy = policy;
        this.clock = clock;
        this.audit = audit;
    }

    public RetentionPolicy policy() {
        return policy;
    }

    /** One run as of now; {@code who} is named in the audit log (the job, or the command's user). */
    public Report run(boolean dryRun, String who) {
        java.time.Instant now = clock.instant();
        long[] done = new long[Part.values().length];
        int notDeleted = 0;
        for (Part part : ORDER) {
            for (LifecycleStore.Scope scope : policy.scopes(part, now)) {
                if (dryRun) {
                    done[part.ordinal()] += store.countDue(part, scope);
                    continue;
                }
                while (true) {
                    List<String> batch = store.due(part, scope, BATCH);
                    if (batch.isEmpty()) {
                        break;
                    }
                    if (part != Part.TRANSCRIPT) {
                        notDeleted += deleteFiles(batch);
                    }
                    int changed = store.purge(part, batch);
                    done[part.ordinal()] += changed;
                    if (changed == 0) {
                        break; // every call of the batch was put under hold meanwhile: they stay listed no more
                    }
                }
            }
        }
        long webhookEvents = purgeWebhookEvents(now, dryRun);
        Report report = new Report(done[Part.CALL.ordinal()], done[Part.TRANSCRIPT.ordinal()], done[Part.AUDIO.ordinal()],
                webhookEvents, notDeleted, dryRun);
        log.info("Retention: {}", report.describe());
        if (!dryRun) {
            audit.record(who, "retention-purged", null, report.describe());
        }
        return report;
    }

    private long purgeWebhookEvents(java.time.Instant now, boolean dryRun) {
        java.time.Instant before = policy.webhookEventsBefore(now);
        if (before == null) {
            return 0;
        }
        if (dryRun) {
            return store.countOldWebhookEvents(before);
        }
        long purged = 0;
        for (int n; (n = store.purgeOldWebhookEvents(before, BATCH)) > 0; ) {
            purged += n;
        }
        return purged;
    }

    private int deleteFiles(List<String> batch) {
        int notDeleted = 0;
        for (LifecycleStore.Stripped call : store.files(batch)) {
            for (String file : call.recordingFiles()) {
                RecordingFiles.Outcome outcome = files.delete(call.callId(), file);
                if (outcome == RecordingFiles.Outcome.NOT_OURS || outcome == RecordingFiles.Outcome.FAILED) {
                    notDeleted++;
                }
            }
        }
        return notDeleted;
    }
}
