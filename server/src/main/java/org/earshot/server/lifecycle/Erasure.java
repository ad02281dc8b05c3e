package org.earshot.server.lifecycle;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.earshot.server.store.LifecycleStore;
import org.earshot.server.store.LifecycleStore.CallerCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure on request: a call deleted, or every call of a caller made anonymous. Recordings are deleted
 * first, then the rows change in one transaction per call (so a crash half-way is finished by asking
 * again); the search index of every node follows the store's change log.
 *
 * <p>The audit log names the request and the calls, never the number: it must not keep what was erased.
 */
public final class Erasure {

    private static final Logger log = LoggerFactory.getLogger(Erasure.class);

    /** Writes one audit entry: {@code who} did {@code action} to {@code target}. */
    public interface Audit {
        void record(String who, String action, String target, String detail);
    }

    /**
     * What an erasure of a caller did (or, dry, would do).
     *
     * @param calls           calls erased (dry run: that would be)
     * @param held            calls of the caller kept because they are under legal hold
     * @param filesNotDeleted recordings that could not be deleted (not Earshot's, or an I/O error; logged)
     */
    public record Result(int calls, int held, int filesNotDeleted) {
    }

    private final LifecycleStore store;
    private final RecordingFiles files;
    private final UnaryOperator<String> callerNumber;
    private final Audit audit;

    /** @param callerNumber how two caller numbers are the same caller: the search's {@code caller=} rule */
    public Erasure(LifecycleStore store, RecordingFiles files, UnaryOperator<String> callerNumber, Audit audit) {
        this.store = store;
        this.files = files;
        this.callerNumber = callerNumber;
        this.audit = audit;
    }

    /**
     * Deletes the call and all that is stored of it (its KPI rollups aside).
     *
     * @return false when there is no such call
     * @throws LifecycleStore.CallHeld when it is under legal hold
     */
    public boolean deleteCall(String callId, String who) {
        Optional<Boolean> held = store.legalHold(callId);
        if (held.isEmpty()) {
            return false;
        }
        if (held.get()) {
            throw new LifecycleStore.CallHeld(callId);
        }
        int notDeleted = deleteFiles(callId);
        if (store.deleteCall(callId).isEmpty()) {
            return false;
        }
        audit.record(who, "call-deleted", callId, "erasure request" + filesNote(notDeleted));
        log.info("Call {} deleted on request by {}", callId, who);
        return true;
    }

    /**
     * Erases every call of the caller {@code number} (any spelling {@code caller=} matches): recording,
     * analysis, transcript, index text, survey answers, CRM link, webhook events, QA notes' text, and the
     * number and name on the call. The anonymous calls stay, counted in the KPIs. Calls under legal hold
     * are kept and counted in {@link Result#held}.
     *
     * @param dryRun count only, change nothing
     */
    public Result eraseCaller(String number, boolean dryRun, String who) {
        List<CallerCall> calls = store.callsOfCaller(number, callerNumber);
        int held = (int) calls.stream().filter(CallerCall::held).count();
        List<String> erasable = calls.stream().filter(c -> !c.held()).map(CallerCall::callId).toList();
        if (dryRun) {
            return new Result(erasable.size(), held, 0);
        }
        int erased = 0;
        int notDeleted = 0;
        for (String id : erasable) {
            try {
                notDeleted += deleteFiles(id);
                if (store.anonymise(id).isPresent()) {
                    erased++;
                    audit.record(who, "call-erased", id, "caller erasure request");
                }
            } catch (LifecycleStore.CallHeld e) {
                held++; // put under hold since it was listed
            }
        }
        audit.record(who, "caller-erased", null, "erasure request: " + erased + " call(s) erased"
                + (held > 0 ? ", " + held + " under legal hold kept" : "") + filesNote(notDeleted));
        log.info("Caller erasure by {}: {} call(s) erased, {} under legal hold kept, {} recording(s) not deleted",
                who, erased, held, notDeleted);
        return new Result(erased, held, notDeleted);
    }

    private int deleteFiles(String callId) {
        int notDeleted = 0;
        for (LifecycleStore.Stripped call : store.files(List.of(callId))) {
            for (String file : call.recordingFiles()) {
                RecordingFiles.Outcome outcome = files.delete(callId, file);
                if (outcome == RecordingFiles.Outcome.NOT_OURS || outcome == RecordingFiles.Outcome.FAILED) {
                    notDeleted++;
                }
            }
        }
        return notDeleted;
    }

    private static String filesNote(int notDeleted) {
        return notDeleted == 0 ? "" : "; " + notDeleted + " recording file(s) not deleted (see the server log)";
    }
}
