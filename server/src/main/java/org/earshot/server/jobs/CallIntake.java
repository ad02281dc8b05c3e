package org.earshot.server.jobs;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.JobQueue;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each finished call from telephony: stores it (search indexes follow the store) and queues
 * its recording for analysis.
 */
public final class CallIntake implements Consumer<CallRecord> {

    private static final Logger log = LoggerFactory.getLogger(CallIntake.class);

    private final CallStore calls;
    private final JobQueue jobs;
    private final Runnable onQueued;
    private final BiConsumer<CallRecord, Boolean> onStored;

    /**
     * @param onQueued called when a recording was queued (wakes idle workers)
     * @param onStored called with every call stored or changed, and whether it is new (metrics, live clients)
     */
    public CallIntake(CallStore calls, JobQueue jobs, Runnable onQueued,
                      BiConsumer<CallRecord, Boolean> onStored) {
        this.calls = calls;
        this.jobs = jobs;
        this.onQueued = onQueued;
        this.onStored = onStored;
    }

    /** The parties on the recording's two channels when telephony knew them, as "left,right". */
    private static String channels(CallRecord call) {
        return call.recordingChannels().size() == 2 ? String.join(",", call.recordingChannels()) : null;
    }

    @Override
    public void accept(CallRecord call) {
        took(call, calls.save(call));
    }

    /** Takes many calls at once (an import): stored in one transaction, each then handled as {@link #accept} does. */
    public void acceptAll(List<CallRecord> batch) {
        List<CallStore.Saved> saved = calls.saveAll(batch);
        for (int i = 0; i < batch.size(); i++) {
            took(batch.get(i), saved.get(i));
        }
    }

    private void took(CallRecord call, CallStore.Saved saved) {
        if (saved == CallStore.Saved.UNCHANGED) {
            // The same call again (AMI re-delivered its events after a reconnect): nothing to do.
            log.debug("Call {} arrived again unchanged: already stored", call.uniqueId());
            return;
        }
        // Never the caller's number: logs are out of reach of an erasure request, the store is not.
        log.info("Stored call {} in queue {}: {} after {} s wait, {} s talk", call.uniqueId(), call.queue(),
                call.outcome().key(), call.waitSeconds(), call.talkSeconds() == null ? 0 : call.talkSeconds());
        onStored.accept(call, saved == CallStore.Saved.NEW);
        // Unanswered calls have no conversation: MixMonitor's b option leaves their files empty.
        // The job keeps Asterisk's own path: each worker finds it under its own recordings-dir.
        if (call.outcome() == CallOutcome.ANSWERED && call.recordingFile() != null && jobs.enqueue(call.uniqueId(),
                call.recordingFile(), channels(call))) {
            // Not the file's name: Asterisk's MixMonitor names often hold the caller's number.
            log.info("Queued the recording of call {} for analysis", call.uniqueId());
            onQueued.run();
        }
    }
}
