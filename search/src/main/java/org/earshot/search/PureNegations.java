package org.earshot.search;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Makes a group of NOT clauses alone match every call but those they exclude. Lucene matches
 * nothing with prohibited clauses alone, while a user who writes {@code NOT cancel}, {@code -cancel}
 * or {@code customer:(NOT refund)} means every call without the word. Done at every nesting level,
 * so {@code refund OR (NOT cancel)} and {@code NOT (NOT cancel)} also read as written.
 *
 * <pre>{@code
 * PureNegations.matchAllBut(parser.parse("NOT cancel"));   // +*:* -cancel, the *:* as a FILTER
 * }</pre>
 */
final class PureNegations {

    private PureNegations() {
    }

    static Query matchAllBut(Query query) {
        if (query instanceof BoostQuery boost) {
            return new BoostQuery(matchAllBut(boost.getQuery()), boost.getBoost());
        }
        if (!(query instanceof BooleanQuery bool) || bool.clauses().isEmpty()) {
            return query; // an empty group (words that analyse to nothing) still finds nothing
        }
        var builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
        boolean onlyNot = true;
        for (BooleanClause clause : bool.clauses()) {
            builder.add(matchAllBut(clause.getQuery()), clause.getOccur());
            onlyNot &= clause.getOccur() == Occur.MUST_NOT;
        }
        if (onlyNot) {
            // FILTER, not MUST: lacking a word is no reason to rank a call higher.
            builder.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        return builder.build();
    }
}
