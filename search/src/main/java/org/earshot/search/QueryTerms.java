package org.earshot.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * What a parsed query looks for, per field, in the form the snippet builder matches against a
 * hit's analysed words: a word, a phrase (words in a row), a proximity phrase (its words near each
 * other) or a wildcard / prefix / fuzzy word. Words under NOT are left out: they are, by
 * definition, not in the hit.
 */
final class QueryTerms {

    /**
     * Tokens to find: one step for a word, one per word for a phrase. With slop 0 the steps match
     * consecutive tokens in order; with slop N, within a window of steps + N tokens in any order
     * (close to Lucene's sloppy phrase, which also lets words swap places at a cost of 2).
     *
     * @param field the party field: {@code customer}, {@code agent} or {@code otherParty}
     */
    record Sought(String field, List<Predicate<BytesRef>> steps, int slop) {

        Sought {
            steps = List.copyOf(steps);
        }

        Sought(String field, List<Predicate<BytesRef>> steps) {
            this(field, steps, 0);
        }

        /** Whether this looks in the words of that party. */
        boolean appliesTo(String party) {
            return field.equals(Fields.partyField(party));
        }
    }

    private QueryTerms() {
    }

    static List<Sought> of(Query query) {
        List<Sought> sought = new ArrayList<>();
        query.visit(new Collector(sought));
        return sought;
    }

    private static final class Collector extends QueryVisitor {
        private final List<Sought> sought;

        Collector(List<Sought> sought) {
            this.sought = sought;
        }

        @Override
        public QueryVisitor getSubVisitor(Occur occur, Query parent) {
            return occur == Occur.MUST_NOT ? EMPTY_VISITOR : this;
        }

        @Override
        public void consumeTerms(Query query, Term... terms) {
            if (query instanceof PhraseQuery phrase && terms.length > 1) {
                List<Predicate<BytesRef>> steps = Arrays.stream(terms).map(QueryTerms::equalTo).toList();
                sought.add(new Sought(terms[0].field(), steps, phrase.getSlop()));
                return;
            }
            // Single words and synonyms.
            for (Term term : terms) {
                sought.add(new Sought(term.field(), List.of(equalTo(term))));
            }
        }

        @Override
        public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
            ByteRunAutomaton run = automaton.get();
            Predicate<BytesRef> step = token -> run.run(token.bytes, token.offset, token.length);
            sought.add(new Sought(field, List.of(step)));
        }
    }

    private static Predicate<BytesRef> equalTo(Term term) {
        BytesRef expected = BytesRef.deepCopyOf(term.bytes());
        return expected::bytesEquals;
    }
}
