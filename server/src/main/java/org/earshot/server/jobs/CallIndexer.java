package org.earshot.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.earshot.search.CallDocument;
import org.earshot.search.TranscriptIndex;
import org.earshot.server.store.CallStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallRecord;

/** Keeps the search index in step with the store: a call is (re)indexed from what the store holds. */
public final class CallIndexer {

    private static final int BATCH = 1000;

    private final CallStore calls;
    private final TranscriptIndex index;
    private final ObjectMapper json;

    public CallIndexer(CallStore calls, TranscriptIndex index, ObjectMapper json) {
        this.calls = calls;
        this.index = index;
        this.json = json;
    }

    /** Indexes the call's metadata and, if it was analysed, its transcript. */
    public void reindex(CallRecord call) throws IOException {
        index.index(document(call));
    }

    /** Rebuilds the index entry of every stored call, committing once per batch; returns how many. */
    public int reindexAll() throws IOException {
        List<CallDocument> batch = new ArrayList<>();
        int n = 0;
        for (CallRecord call : calls.all()) {
            batch.add(document(call));
            if (batch.size() == BATCH) {
                index.indexAll(batch);
                batch.clear();
            }
            n++;
        }
        index.indexAll(batch);
        return n;
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
