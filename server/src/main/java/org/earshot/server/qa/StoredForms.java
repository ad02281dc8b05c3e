package org.earshot.server.qa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.earshot.server.store.ReviewStore;
import org.earshot.server.store.ScorecardStore;

/**
 * QA's scorecards and reviews in the form the store keeps them, and back. The store keeps criteria
 * and a review's lines as JSON documents; their format is QA's, so it is written and read here only.
 * A stored document that no longer reads is a server fault, never a client's bad input.
 */
final class StoredForms {

    private final ObjectMapper json;

    StoredForms(ObjectMapper json) {
        this.json = json;
    }

    Scorecard scorecard(ScorecardStore.Stored stored) {
        try {
            List<Criterion> criteria = CriteriaJson.criteria(json.readTree(stored.criteria()), "criteria");
            return new Scorecard(stored.id(), stored.name(), stored.active(), criteria);
        } catch (JsonProcessingException | QaException e) {
            throw new IllegalStateException("scorecard " + stored.id() + " has unreadable criteria: " + e.getMessage(), e);
        }
    }

    ScorecardStore.Fields fields(ScorecardInput input, boolean active) {
        return new ScorecardStore.Fields(input.name(), active, write(input.criteria(), "scorecard '" + input.name() + "'"));
    }

    ReviewSheet sheet(ReviewStore.Stored stored) {
        return new ReviewSheet(stored.callId(), stored.status(), stored.scorecardId(), stored.scorecardName(),
                lines(stored.callId(), stored.scores()), stored.reviewer(), stored.updatedAt());
    }

    /** The review as the store keeps it, with its score worked out from the lines. */
    ReviewStore.Stored stored(ReviewSheet sheet) {
        return new ReviewStore.Stored(sheet.callId(), sheet.status(), sheet.scorecardId(), sheet.scorecardName(),
                write(sheet.lines(), "the review of call " + sheet.callId()), Scoring.score(sheet.lines()),
                sheet.reviewer(), sheet.updatedAt());
    }

    private List<Scoring.Line> lines(String callId, String stored) {
        try {
            List<Scoring.Line> lines = new ArrayList<>();
            for (JsonNode node : json.readTree(stored)) {
                JsonNode auto = node.get("auto");
                AutoResult result = auto == null || auto.isNull() ? null
                        : new AutoResult(auto.path("passed").isBoolean() ? auto.get("passed").asBoolean() : null,
                        auto.path("evidence").asText(null));
                JsonNode value = node.get("value");
                lines.add(new Scoring.Line(CriteriaJson.criterion(node.get("criterion"), "criterion"), result,
                        value == null || value.isNull() ? null : value.asDouble(), node.path("overridden").asBoolean()));
            }
            return lines;
        } catch (JsonProcessingException | QaException e) {
            throw new IllegalStateException("the review of call " + callId + " has unreadable scores: " + e.getMessage(), e);
        }
    }

    private String write(Object value, String what) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " cannot be written as JSON", e);
        }
    }
}
