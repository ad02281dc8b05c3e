package org.earshot.server.lifecycle;

import org.earshot.server.store.LifecycleStore;

/** Puts calls under legal hold and lifts it (admin, audited): a held call is neither purged nor erased. */
public final class LegalHolds {

    private final LifecycleStore store;
    private final Erasure.Audit audit;

    public LegalHolds(LifecycleStore store, Erasure.Audit audit) {
        this.store = store;
        this.audit = audit;
    }

    /** @return false when there is no such call */
    public boolean set(String callId, boolean hold, String who) {
        if (!store.setLegalHold(callId, hold)) {
            return false;
        }
        audit.record(who, hold ? "legal-hold-set" : "legal-hold-lifted", callId, null);
        return true;
    }

    /** The call's hold; null when there is no such call. */
    public Boolean of(String callId) {
        return store.legalHold(callId).orElse(null);
    }
}
