package org.earshot.server.qa;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.earshot.server.store.AgentFigures;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Note;
import org.earshot.server.store.ReviewQueueStore;
import org.earshot.server.store.ReviewStore;
import org.earshot.server.store.ScorecardStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QA review: scorecards, the queue of flagged calls, reviews scored by hand and from the analysis
 * report, notes, and figures per agent. Unknown calls and scorecards and bad input are
 * {@link QaException}s.
 */
public final class QaService {

    private static final Logger log = LoggerFactory.getLogger(QaService.class);

    private final CallStore calls;
    private final ScorecardStore scorecards;
    private final ReviewStore reviews;
    private final ReviewQueueStore queue;
    private final StoredForms forms;
    private final ObjectMapper json;
    private final Clock clock;

    public QaService(CallStore calls, ScorecardStore scorecards, ReviewStore reviews, ReviewQueueStore queue,
                     ObjectMapper json, Clock clock) {
        this.calls = calls;
        this.scorecards = scorecards;
        this.reviews = reviews;
        this.queue = queue;
        this.forms = new StoredForms(json);
        this.json = json;
        this.clock = clock;
    }

    public List<Scorecard> scorecards() {
        return scorecards.all().stream().map(forms::scorecard).toList();
    }

    /** Adds a scorecard; it is active unless the input says otherwise. */
    public Scorecard createScorecard(ScorecardInput input) {
        boolean active = input.active() == null || input.active();
        Scorecard card = forms.scorecard(scorecards.insert(forms.fields(input, active), clock.instant()));
        log.info("QA scorecard {} '{}' created with {} criteria", card.id(), card.name(), card.criteria().size());
        return card;
    }

    /**
     * Replaces a scorecard's name, criteria and (when given) active flag; past reviews keep their
     * snapshot. The last active scorecard cannot be deactivated: new reviews need one.
     */
    public Scorecard updateScorecard(long id, ScorecardInput input) {
        Scorecard card = scorecards.update(id, clock.instant(), (current, otherActive) -> {
            boolean active = input.active() == null ? current.active() : input.active();
            if (!active && otherActive.getAsLong() == 0) {
                throw QaException.invalid("active: scorecard " + id + " is the only active one; activate another first");
            }
            return forms.fields(input, active);
        }).map(forms::scorecard).orElseThrow(() -> QaException.notFound("no scorecard with id " + id));
        log.info("QA scorecard {} '{}' changed: {} criteria, {}", id, card.name(), card.criteria().size(),
                card.active() ? "active" : "inactive");
        return card;
    }

    public QueuePage queue(QueueQuery query) {
        ReviewQueueStore.Page rows = queue.page(new ReviewQueueStore.Filter(query.status(), query.flag(), query.agent(),
                query.queue()), (long) query.page() * query.size(), query.size());
        Map<String, CallRecord> records = calls.findAll(rows.rows().stream().map(ReviewQueueStore.Row::callId).toList());
        return new QueuePage(rows.total(), rows.rows().stream()
                .filter(row -> records.containsKey(row.callId()))
                .map(row -> item(records.get(row.callId()), row))
                .toList());
    }

    /** The call's review, or a draft against the active scorecard with the automatic criteria scored. */
    public Review review(String callId) {
        requireCall(callId);
        Optional<ReviewSheet> stored = reviews.find(callId).map(forms::sheet);
        if (stored.isPresent()) {
            return view(stored.get());
        }
        return view(started(callId, null));
    }

    /**
     * Saves a review by {@code reviewer}. A review keeps the criteria it was started with; only a
     * change of scorecard takes the scorecard's current criteria and evaluates them afresh.
     */
    public Review saveReview(String callId, ReviewInput input, String reviewer) {
        requireCall(callId);
        Scorecard chosen = input.scorecardId() == null ? null : scorecards.find(input.scorecardId()).map(forms::scorecard)
                .orElseThrow(() -> QaException.invalid("scorecardId: no scorecard with id " + input.scorecardId()));
        Predicate<ReviewSheet> keepsItsScorecard = r -> chosen == null || chosen.id() == r.scorecardId();
        // Started before the row is locked: it reads the scorecard and the report on connections of its own.
        ReviewSheet fresh = reviews.find(callId).map(forms::sheet).filter(keepsItsScorecard).isPresent() ? null
                : started(callId, chosen);
        ReviewSheet saved = forms.sheet(reviews.update(callId, current -> {
            ReviewSheet base = current.map(forms::sheet).filter(keepsItsScorecard)
                    .orElseGet(() -> fresh != null ? fresh : started(callId, chosen));
            return forms.stored(new ReviewSheet(callId, input.status(), base.scorecardId(), base.scorecardName(),
                    Scoring.apply(base.lines(), input.values(), base.scorecardId()), reviewer, clock.instant()));
        }));
        log.info("QA review of call {} saved as {} by {}", callId, saved.status(), reviewer);
        return view(saved);
    }

    /**
     * The review as it would be saved with this input, not saved: the score a reviewer sees while
     * editing is the server's formula, never a second one in the page.
     */
    public Review previewReview(String callId, ReviewInput input) {
        requireCall(callId);
        Scorecard chosen = input.scorecardId() == null ? null : scorecards.find(input.scorecardId()).map(forms::scorecard)
                .orElseThrow(() -> QaException.invalid("scorecardId: no scorecard with id " + input.scorecardId()));
        ReviewSheet base = reviews.find(callId).map(forms::sheet)
                .filter(r -> chosen == null || chosen.id() == r.scorecardId())
                .orElseGet(() -> started(callId, chosen));
        return view(new ReviewSheet(callId, input.status(), base.scorecardId(), base.scorecardName(),
                Scoring.apply(base.lines(), input.values(), base.scorecardId()), base.reviewer(), base.updatedAt()));
    }

    public Note addNote(String callId, NoteInput note, String author) {
        var call = calls.find(callId).orElseThrow(() -> QaException.notFound("no call with id " + callId));
        // A second past the call's end points nowhere in the player; a little slack for rounding.
        if (note.atSeconds() != null && note.atSeconds() > call.durationSeconds() + 1) {
            throw QaException.invalid(String.format(java.util.Locale.ROOT,
                    "atSeconds %.1f is past the end of the call (%.1f s)", note.atSeconds(), call.durationSeconds()));
        }
        return reviews.addNote(callId, note.atSeconds(), note.text(), author, clock.instant());
    }

    /** QA figures of each agent over the calls that entered the queue in [from, to), sorted by agent. */
    public List<AgentFigures> agents(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw QaException.invalid("from must be before to, was " + from + " .. " + to);
        }
        return queue.agents(from, to);
    }

    private Review view(ReviewSheet review) {
        return new Review(review.callId(), review.status(), review.scorecardId(), review.scorecardName(),
                review.lines().stream().map(Scoring.Line::toScore).toList(), Scoring.score(review.lines()),
                review.reviewer(), review.updatedAt(), reviews.notes(review.callId()));
    }

    /** A review not saved yet: the scorecard's criteria, the automatic ones scored from the report. */
    private ReviewSheet started(String callId, Scorecard chosen) {
        Scorecard card = chosen != null ? chosen : activeScorecard();
        if (!card.active()) {
            throw QaException.invalid("scorecardId: scorecard " + card.id() + " is not active");
        }
        AnalysisReport report = calls.findAnalysis(callId).orElse(null);
        return new ReviewSheet(callId, "to-review", card.id(), card.name(), Scoring.draft(card, report),
                null, null);
    }

    private Scorecard activeScorecard() {
        return scorecards.firstActive().map(forms::scorecard).orElseThrow(() -> new IllegalStateException(
                "no active QA scorecard: activate one with PUT /api/qa/scorecards/{id}"));
    }

    private void requireCall(String callId) {
        if (calls.find(callId).isEmpty()) {
            throw QaException.notFound("no call with id " + callId);
        }
    }

    private static QueuePage.Item item(CallRecord call, ReviewQueueStore.Row row) {
        return new QueuePage.Item(call.uniqueId(), call.enteredAt(), call.durationSeconds(), call.caller(), call.queue(),
                call.agent(), row.flags(), row.reasons(), row.sentiment(), row.status(), row.score(), row.reviewer(), row.updatedAt());
    }
}
