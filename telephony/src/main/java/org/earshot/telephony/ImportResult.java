package org.earshot.telephony;

import java.util.List;

/**
 * What a history import produced.
 *
 * @param calls   the finished calls, in queue_log order of their last line; ids are the queue_log callids
 * @param skipped lines that could not be used, with where and why
 * @param lines   lines read from the queue_log
 */
public record ImportResult(List<CallRecord> calls, List<SkippedLine> skipped, int lines) {

    public ImportResult {
        calls = List.copyOf(calls);
        skipped = List.copyOf(skipped);
    }

    /**
     * One unusable line.
     *
     * @param file   the file it is in
     * @param line   1-based line number
     * @param reason what is wrong with it, naming the bad value
     */
    public record SkippedLine(String file, int line, String reason) {
    }
}
