package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;
import org.earshot.server.qa.NoteInput;
import org.earshot.server.qa.QaException;
import org.earshot.server.qa.QaService;
import org.earshot.server.qa.QueueQuery;
import org.earshot.server.qa.ReviewInput;
import org.earshot.server.qa.ScorecardInput;

/** QA review (issue 8): scorecards, the queue of flagged calls, reviews, notes and figures per agent. */
final class QaRoutes {

    /** Who may read QA data: trainers use reviews for coaching, supervisors oversee. */
    static final Set<Role> READ = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.QA, Role.TRAINER);
    /** Who may change it. */
    static final Set<Role> WRITE = Set.of(Role.ADMIN, Role.QA);

    private static final int DEFAULT_DAYS = 30;

    private final QaService qa;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;
    private final Authenticator auth;

    /**
     * @param zone the deployment's time zone (the KPIs'), for {@code from}/{@code to} given as dates
     * @param auth the audit log: every change to reviews, notes and scorecards is recorded there
     */
    QaRoutes(QaService qa, ObjectMapper json, Clock clock, ZoneId zone, Authenticator auth) {
        this.qa = qa;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.auth = auth;
    }

    Response scorecards(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(Map.of("scorecards", qa.scorecards())));
    }

    Response createScorecard(Request request) throws IOException {
        ScorecardInput input = answer(() -> ScorecardInput.fromJson(body(request)));
        var card = answer(() -> qa.createScorecard(input));
        auth.record(request.principal().username(), "scorecard-created", Long.toString(card.id()), describe(card));
        return created(card);
    }

    private static String describe(org.earshot.server.qa.Scorecard card) {
        return "'" + card.name() + "', " + card.criteria().size() + " criteria, " + (card.active() ? "active" : "inactive");
    }

    Response updateScorecard(Request request) throws IOException {
        long id = scorecardId(request.pathParam("id"));
        ScorecardInput input = answer(() -> ScorecardInput.fromJson(body(request)));
        var card = answer(() -> qa.updateScorecard(id, input));
        auth.record(request.principal().username(), "scorecard-changed", Long.toString(id), describe(card));
        return Response.json(json.writeValueAsBytes(card));
    }

    Response queue(Request request) throws IOException {
        QueueQuery query = answer(() -> new QueueQuery(request.param("status"), request.param("flag"),
                request.param("agent"), request.param("queue"), request.intParam("page", 0, 0, 100_000),
                request.intParam("size", 25, 1, 100)));
        return Response.json(json.writeValueAsBytes(answer(() -> qa.queue(query))));
    }

    Response review(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(answer(() -> qa.review(request.pathParam("callId")))));
    }

    Response saveReview(Request request) throws IOException {
        ReviewInput input = answer(() -> ReviewInput.fromJson(body(request)));
        String reviewer = request.principal().username();
        var review = answer(() -> qa.saveReview(request.pathParam("callId"), input, reviewer));
        auth.record(reviewer, "qa-review-saved", review.callId(), review.status() + ", score "
                + (review.score() == null ? "none" : review.score() + " %") + ", scorecard " + review.scorecardId());
        return Response.json(json.writeValueAsBytes(review));
    }

    /** The review as PUT would save it, not saved: the live score while editing (same body as PUT). */
    Response previewReview(Request request) throws IOException {
        ReviewInput input = answer(() -> ReviewInput.fromJson(body(request)));
        return Response.json(json.writeValueAsBytes(answer(() -> qa.previewReview(request.pathParam("callId"), input))));
    }

    Response addNote(Request request) throws IOException {
        NoteInput note = answer(() -> NoteInput.fromJson(body(request)));
        String author = request.principal().username();
        var added = answer(() -> qa.addNote(request.pathParam("callId"), note, author));
        auth.record(author, "qa-note-added", request.pathParam("callId"), "note " + added.id()
                + (added.atSeconds() == null ? "" : " at " + added.atSeconds() + " s"));
        return created(added);
    }

    Response agents(Request request) throws IOException {
        Instant to = instant(request, "to", true);
        Instant from = request.param("from") == null ? to.atZone(zone).minusDays(DEFAULT_DAYS).toInstant()
                : instant(request, "from", false);
        return Response.json(json.writeValueAsBytes(Map.of("agents", answer(() -> qa.agents(from, to)))));
    }

    private Response created(Object value) throws IOException {
        return new Response(HttpResponseStatus.CREATED, "application/json", json.writeValueAsBytes(value), Map.of());
    }

    /** Runs a QA operation, answering its mistakes as 400 and unknown calls or scorecards as 404. */
    private static <T> T answer(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (QaException e) {
            throw e.notFound() ? ApiException.notFound(e.getMessage()) : ApiException.badRequest(e.getMessage());
        }
    }

    private JsonNode body(Request request) {
        try {
            JsonNode body = json.readTree(request.body());
            if (body != null && !body.isMissingNode()) {
                return body;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("body cannot be read: " + e.getMessage());
        }
        throw ApiException.badRequest("body is empty: send a JSON object");
    }

    private static long scorecardId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no scorecard with id " + value);
        }
    }

    /**
     * An ISO instant, or a date in the deployment's time zone ({@code to} as a date includes that
     * whole day, as on GET /api/kpis). Without {@code to}: the end of today.
     */
    private Instant instant(Request request, String name, boolean end) {
        String value = request.param(name);
        if (value == null) {
            return LocalDate.now(clock.withZone(zone)).plusDays(1).atStartOfDay(zone).toInstant();
        }
        return TimeParams.instant(name, value, zone, end);
    }
}
