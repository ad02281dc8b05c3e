package org.earshot.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.earshot.search.CallDocument;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.store.CallStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallRecord;

/** Keeps the search index in step with the store: a call is (re)indexed from what the store holds. */
public final class CallIndexer {

    private final CallStore calls;
    private final TranscriptIndex index;
    private final ObjectMapper json;

    public CallIndexer(CallStore calls, TranscriptIndex index, ObjectMapper json) {
        this.calls = calls;
        this.index = index;
        this.json = json;
    }

    /** Indexes these calls (metadata, and transcripts of analysed ones) as one batch; the caller commits. */
    public void reindex(Collection<CallRecord> batch) throws IOException {
        List<CallDocument> docs = new ArrayList<>(batch.size());
        for (CallRecord call : batch) {
            docs.add(document(call));
        }
        index.indexAll(docs);
    }

    private CallDocument document(CallRecord call) throws IOException {
        AnalysisReport report = null;
        var stored = calls.findAnalysis(call.uniqueId());
        if (stored.isPresent()) {
            report = json.readValue(stored.get(), AnalysisReport.class);
        }
        return CallDocuments.of(call, report);
    }
}
