package org.earshot.server.jobs;

import java.util.ArrayList;
import java.util.List;
import org.earshot.search.CallDocument;
import org.earshot.search.CallDocument.TimedWord;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallRecord;

/** Joins what telephony and speech know of a call into what the search index takes. */
final class CallDocuments {

    private CallDocuments() {
    }

    /** @param report the call's analysis, or null when it has none (yet) */
    static CallDocument of(CallRecord call, AnalysisReport report) {
        List<TimedWord> words = new ArrayList<>();
        if (report != null && report.transcript() != null) {
            for (AnalysisReport.TranscriptSegment segment : report.transcript()) {
                for (AnalysisReport.Word word : segment.words()) {
                    words.add(new TimedWord(segment.party(), word.word(), word.start()));
                }
            }
        }
        return new CallDocument(call.uniqueId(), call.enteredAt(), call.durationSeconds(), call.caller(), call.queue(),
                call.agent(), call.outcome().key(), call.waitSeconds(), call.talkSeconds(), words);
    }
}
