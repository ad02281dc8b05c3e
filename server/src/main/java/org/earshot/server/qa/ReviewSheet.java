package org.earshot.server.qa;

import java.time.Instant;
import java.util.List;

/**
 * A review as QA works with it: the lines of the scorecard it was started with, its status, and who
 * saved it when (both null while not saved).
 */
record ReviewSheet(String callId, String status, long scorecardId, String scorecardName, List<Scoring.Line> lines,
                   String reviewer, Instant updatedAt) {

    ReviewSheet {
        lines = List.copyOf(lines);
    }
}
