package org.earshot.server.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.earshot.search.CallDocument;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.store.CallCrmStore;
import org.earshot.server.store.CallStore;
import org.earshot.telephony.CallRecord;

/** Keeps the search index in step with the store: a call is (re)indexed from what the store holds. */
public final class CallIndexer {

    private final CallStore calls;
    private final CallCrmStore crm;
    private final TranscriptIndex index;

    public CallIndexer(CallStore calls, CallCrmStore crm, TranscriptIndex index) {
        this.calls = calls;
        this.crm = crm;
        this.index = index;
    }

    /** Indexes these calls (metadata, CRM ids, and transcripts of analysed ones) as one batch; the caller commits. */
    public void reindex(Collection<CallRecord> batch) throws IOException {
        List<CallDocument> docs = new ArrayList<>(batch.size());
        Map<String, String> crmIds = crm.crmIds(batch.stream().map(CallRecord::uniqueId).toList());
        for (CallRecord call : batch) {
            docs.add(CallDocuments.of(call, calls.findAnalysis(call.uniqueId()).orElse(null), crmIds.get(call.uniqueId())));
        }
        index.indexAll(docs);
    }

    /**
     * Brings these calls' documents in line with the store: those it holds are (re)indexed, those it no
     * longer holds (deleted on request, purged by retention) are removed. The caller commits.
     *
     * @return how many calls were indexed or removed
     */
    public int follow(Collection<String> callIds) throws IOException {
        Map<String, CallRecord> found = calls.findAll(callIds);
        reindex(found.values());
        List<String> gone = callIds.stream().filter(id -> !found.containsKey(id)).toList();
        index.deleteAll(gone);
        return found.size() + gone.size();
    }
}
