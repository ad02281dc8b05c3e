package org.earshot.search;

import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The index's field names and the analyzer that builds and queries the text fields: the one place
 * to look when the document shape changes.
 */
final class Fields {

    /** Call id from the store; the key {@code updateDocument} replaces by. */
    static final String ID = "id";
    /** Epoch milliseconds: a point for ranges, doc values for the newest-first sort. */
    static final String STARTED_AT = "startedAt";
    /** Seconds: a point for the duration filter, doc values for sorting later. */
    static final String DURATION = "durationSeconds";
    static final String CALLER = "caller";
    static final String QUEUE = "queue";
    /** The agent's name; not {@code agent}, which is the field of the agent's words. */
    static final String AGENT_NAME = "agentName";
    static final String OUTCOME = "outcome";

    /** All words of all parties, one field value per party. */
    static final String TEXT = "text";
    static final String CUSTOMER = "customer";
    static final String AGENT = "agent";

    /** The fields a query may name, e.g. {@code customer:refund}. */
    static final Set<String> QUERYABLE = Set.of(TEXT, CUSTOMER, AGENT);

    /** Stored, multi-valued: which parties have words in this call. */
    static final String PARTIES = "party";

    /** Stored: the party's words in time order, joined by single spaces. */
    static String wordsOf(String party) {
        return "words." + party;
    }

    /** Stored: the party's word start times in milliseconds, aligned with {@link #wordsOf}. */
    static String timesOf(String party) {
        return "times." + party;
    }

    /**
     * Keeps a phrase from matching across two parties' words in the multi-valued {@code text}
     * field: "want to" must not match the customer's "want" followed by the agent's "to".
     */
    static final int POSITION_GAP = 100;

    private Fields() {
    }

    /**
     * StandardTokenizer + lowercase, no stop words ("I want to cancel" is a call-center phrase
     * we must find as said) and no stemming yet, so a highlighted word is exactly what matched.
     */
    static Analyzer analyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                var tokenizer = new StandardTokenizer();
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in); // so wildcard and prefix terms are lowercased too
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return POSITION_GAP;
            }
        };
    }
}
