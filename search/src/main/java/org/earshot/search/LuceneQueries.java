package org.earshot.search;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.earshot.search.CallQuery.Condition;
import org.earshot.search.CallQuery.Range;
import org.earshot.search.CallQuery.SortOrder;

/**
 * Turns a {@link CallQuery} into the Lucene query and sort that run it: the parsed text scores,
 * every filter is a non-scoring FILTER clause over the fields {@link LuceneDocuments} indexed.
 */
final class LuceneQueries {

    private static final SortField NEWEST_FIRST = LongField.newSortField(Fields.STARTED_AT, true,
            SortedNumericSelector.Type.MIN);

    private LuceneQueries() {
    }

    /** The whole query: the text (or all calls when there is none) and every filter. */
    static Query toLucene(Query text, CallQuery query) {
        var all = new BooleanQuery.Builder();
        if (text != null) {
            all.add(text, Occur.MUST);
        }
        if (query.from() != null || query.to() != null) {
            all.add(startedBetween(query.from(), query.to()), Occur.FILTER);
        }
        addRange(all, Fields.DURATION, query.duration());
        addRange(all, Fields.WAIT, query.waitTime());
        addRange(all, Fields.TALK, query.talkTime());
        addCallers(all, query.callers());
        addAnyOf(all, Fields.QUEUE, query.queues());
        addAnyOf(all, Fields.AGENT_NAME, query.agents());
        addAnyOf(all, Fields.OUTCOME, query.outcomes());
        addAnyOf(all, Fields.CRM_ID, query.crmIds());
        for (String flag : query.flags()) {
            all.add(new TermQuery(new Term(Fields.FLAG, flag)), Occur.FILTER);
        }
        for (Condition condition : query.conditions()) {
            all.add(condition(condition), Occur.FILTER);
        }
        BooleanQuery built = all.build();
        if (built.clauses().isEmpty()) {
            return new MatchAllDocsQuery();
        }
        return built.clauses().size() == 1 && text != null ? text : built;
    }

    /**
     * The order of hits: the requested one, or relevance with text and newest first without; ties
     * newest first. Relevance without text is newest first (every call scores the same).
     */
    static Sort sort(SortOrder order, boolean hasText) {
        SortOrder effective = order != null ? order : hasText ? SortOrder.RELEVANCE : SortOrder.NEWEST_FIRST;
        return switch (effective.by()) {
            case RELEVANCE -> hasText ? new Sort(SortField.FIELD_SCORE, NEWEST_FIRST) : new Sort(NEWEST_FIRST);
            case DATE -> new Sort(LongField.newSortField(Fields.STARTED_AT, effective.descending(),
                    SortedNumericSelector.Type.MIN));
            case DURATION -> new Sort(byNumber(Fields.DURATION, effective.descending()), NEWEST_FIRST);
            case SENTIMENT -> new Sort(byNumber(Figures.SENTIMENT, effective.descending()), NEWEST_FIRST);
        };
    }

    /** Whether hits sorted so carry a relevance score in their first sort value. */
    static boolean scores(Sort sort) {
        return sort.getSort()[0].getType() == SortField.Type.SCORE;
    }

    private static SortField byNumber(String field, boolean descending) {
        SortField sort = DoubleField.newSortField(field, descending, SortedNumericSelector.Type.MIN);
        // A call without the number comes last in either direction.
        sort.setMissingValue(descending ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        return sort;
    }

    private static Query startedBetween(Instant from, Instant to) {
        long lower = from == null ? Long.MIN_VALUE : ceilMillis(from);
        long upper = to == null ? Long.MAX_VALUE : ceilMillis(to) - 1; // to is exclusive
        return LongField.newRangeQuery(Fields.STARTED_AT, lower, upper);
    }

    /** The first whole millisecond at or after the instant (calls are indexed to the millisecond). */
    private static long ceilMillis(Instant instant) {
        try {
            long millis = instant.toEpochMilli();
            return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE + 1 : Long.MAX_VALUE; // beyond any call
        }
    }

    private static void addRange(BooleanQuery.Builder all, String field, Range range) {
        if (!range.isAny()) {
            all.add(DoubleField.newRangeQuery(field,
                    range.min() == null ? Double.NEGATIVE_INFINITY : range.min() + 0.0,
                    range.max() == null ? Double.POSITIVE_INFINITY : range.max() + 0.0), Occur.FILTER);
        }
    }

    private static void addAnyOf(BooleanQuery.Builder all, String field, List<String> values) {
        if (values.size() == 1) {
            all.add(new TermQuery(new Term(field, values.get(0))), Occur.FILTER);
        } else if (!values.isEmpty()) {
            all.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
    }

    /**
     * Any of the callers by their normalised number. The raw caller field is asked too, as the number
     * is usually stored (+14045550149 or 14045550149): calls indexed before the normalised field
     * existed lack it until {@code earshot reindex}, and must not vanish from caller searches meanwhile.
     */
    private static void addCallers(BooleanQuery.Builder all, List<String> callers) {
        if (callers.isEmpty()) {
            return;
        }
        Set<BytesRef> numbers = new LinkedHashSet<>();
        Set<BytesRef> asStored = new LinkedHashSet<>();
        for (String caller : callers) {
            String number = Fields.callerNumber(caller);
            numbers.add(new BytesRef(number));
            asStored.addAll(List.of(new BytesRef(caller), new BytesRef(number), new BytesRef("+" + number)));
        }
        var any = new BooleanQuery.Builder()
                .add(new TermInSetQuery(Fields.CALLER_NUMBER, numbers), Occur.SHOULD)
                .add(new TermInSetQuery(Fields.CALLER, asStored), Occur.SHOULD);
        all.add(any.build(), Occur.FILTER);
    }

    /** Point queries only ever see indexed values: a call without the number never matches. */
    private static Query condition(Condition c) {
        double v = c.value() + 0.0; // -0.0 as 0.0, as indexed
        return switch (c.op()) {
            case GE -> DoubleField.newRangeQuery(c.field(), v, Double.POSITIVE_INFINITY);
            case GT -> DoubleField.newRangeQuery(c.field(), Math.nextUp(v), Double.POSITIVE_INFINITY);
            case LE -> DoubleField.newRangeQuery(c.field(), Double.NEGATIVE_INFINITY, v);
            case LT -> DoubleField.newRangeQuery(c.field(), Double.NEGATIVE_INFINITY, Math.nextDown(v));
            case EQ -> DoubleField.newExactQuery(c.field(), v);
        };
    }
}
