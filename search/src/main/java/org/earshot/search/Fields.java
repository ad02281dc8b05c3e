package org.earshot.search;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.facet.FacetsConfig;

/**
 * The index's field names, the analyzer that builds and queries the text fields and the facet
 * configuration: the one place to look when the document shape changes.
 */
final class Fields {

    /** Call id from the store; the key {@code updateDocument} replaces by. */
    static final String ID = "id";
    /** Epoch milliseconds ({@code LongField}: points for ranges, doc values for sorting). */
    static final String STARTED_AT = "startedAt";
    /**
     * Numbers ({@code DoubleField}: points for ranges and conditions, doc values for sorting) are
     * indexed under their {@link Figures} names: the call's durations and every analysis figure.
     */
    static final String DURATION = Figures.DURATION_SECONDS;
    static final String WAIT = Figures.WAIT_SECONDS;
    static final String TALK = Figures.TALK_SECONDS;
    static final String HOLD = Figures.HOLD_SECONDS;
    /** Doc value 1 on a call indexed with words, figures or flags: what a crash may have lost. */
    static final String ANALYSED = "analysed";

    // Keywords (exact, case-sensitive), stored.
    /** The caller id as telephony gave it; {@code caller=} matches {@link #CALLER_NUMBER}. */
    static final String CALLER = "caller";
    static final String DIRECTION = "direction";
    static final String QUEUE = "queue";
    /** The agents' names; not {@code agent}, which is the field of the agent's words. */
    static final String AGENT_NAME = "agentName";
    static final String OUTCOME = "outcome";
    static final String FLAG = "flag";
    /** The caller's CRM record id, from the CRM caller lookup. */
    static final String CRM_ID = "crmId";
    /** Keyword, multi-valued: what card data was redacted ({@link CallDocument#REDACTED}), for {@code redacted:card}. */
    static final String REDACTED = "redacted";
    /** The caller id as {@link #callerNumber} writes it, for {@code caller=}; indexed, not stored. */
    static final String CALLER_NUMBER = "callerNumber";

    /**
     * Each party's words, indexed once in that party's field. Query text without a field prefix
     * (or with {@code text:}) is sought in all three; a phrase is matched inside one party's words.
     */
    static final String CUSTOMER = "customer";
    static final String AGENT = "agent";
    /** Words of any other party, e.g. a mono recording's "mixed" words; not scopeable in queries. */
    static final String OTHER = "otherParty";
    static final List<String> PARTY_FIELDS = List.of(CUSTOMER, AGENT, OTHER);
    /** Not an indexed field: the name a query uses for all parties' words. */
    static final String TEXT = "text";

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

    private static final Pattern CALLER_SEPARATORS = Pattern.compile("[\\s\\-.()]");

    /**
     * A caller id as {@code caller=} compares it: without white space, the separators - . ( ) and a
     * leading +, lower case (for ids such as "Anonymous"). {@code +1 (404) 555-0149} and
     * {@code 14045550149} are the same number; {@code 4045550149} is not: a country code is never guessed.
     */
    static String callerNumber(String caller) {
        String compact = CALLER_SEPARATORS.matcher(caller).replaceAll("");
        return (compact.startsWith("+") ? compact.substring(1) : compact).toLowerCase(Locale.ROOT);
    }

    /** The field a party's words are indexed in. */
    static String partyField(String party) {
        return switch (party) {
            case CUSTOMER -> CUSTOMER;
            case AGENT -> AGENT;
            default -> OTHER;
        };
    }

    /**
     * Facets: SortedSetDocValues in the default {@code $facets} field, counted per search over all
     * matching calls. Dimension names are the {@link SearchResult#FACETS} names.
     */
    static final FacetsConfig FACETS = facetsConfig();

    private static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        config.setMultiValued(SearchResult.AGENT, true);
        config.setMultiValued(SearchResult.FLAG, true);
        return config;
    }

    /** Keeps a phrase from matching across two values of one field, e.g. two "other" parties. */
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
