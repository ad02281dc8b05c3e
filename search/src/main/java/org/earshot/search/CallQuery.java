package org.earshot.search;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search over calls: query text plus filters, an order and a page. Every filter is optional (null
 * or empty = no constraint); filters combine with AND, several values of one list filter with OR,
 * except {@code flags}, which must all be present.
 *
 * <pre>{@code
 * CallQuery.fromParameters(new QueryStringDecoder(uri).parameters());    // from GET /api/calls
 * CallQuery.builder().text("refund OR cancel").duration(600.0, null).queue("billing")
 *         .where("interruptions.customer>=3").sort(SortOrder.NEWEST_FIRST).build();
 * }</pre>
 *
 * @param text       query text: words, "phrases", "proximity"~5, prefix*, fuzzy~, AND / OR / NOT,
 *                   customer: / agent: scoping; null or blank = all calls. NOT alone ({@code NOT cancel},
 *                   {@code -cancel}, {@code customer:(NOT refund)}) means every call without the words
 * @param party      null (everyone's words), "customer" or "agent": whose words the text's unscoped words are sought in
 * @param from       earliest start, inclusive, or null
 * @param to         latest start, exclusive, or null
 * @param duration   call duration range in seconds
 * @param waitTime   queue wait range in seconds
 * @param talkTime   talk time range in seconds
 * @param callers    caller numbers, any of, compared without spaces, - . ( ) and a leading +
 *                   ({@code +1 404-555-0149} finds a call from {@code 14045550149}); no country code is guessed
 * @param queues     queue names, any of
 * @param agents     agent names, any of (a call matches when any of its agents is one of them)
 * @param outcomes   outcomes, any of {@link #OUTCOMES}
 * @param flags      analysis flags, all of, each one of {@link #FLAGS}
 * @param conditions numeric conditions on figures and durations, all of
 * @param crmIds     CRM record ids (set by the CRM caller lookup), any of, exact
 * @param sort       the order of hits, or null for relevance with text and newest first without
 * @param page       0-based page number
 * @param size       hits per page, 1..{@value #MAX_SIZE}
 */
public record CallQuery(
        String text,
        String party,
        Instant from,
        Instant to,
        Range duration,
        Range waitTime,
        Range talkTime,
        List<String> callers,
        List<String> queues,
        List<String> agents,
        List<String> outcomes,
        List<String> flags,
        List<Condition> conditions,
        List<String> crmIds,
        SortOrder sort,
        int page,
        int size) {

    /** Every parameter {@link #fromParameters} reads, and the ones of them that may be repeated. */
    public static final List<String> PARAMETERS = QueryParameters.NAMES;
    public static final java.util.Set<String> REPEATABLE_PARAMETERS = QueryParameters.REPEATABLE;
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    /** Hits beyond this rank are not served: deep pages cost a top-N of that size. Narrow the search. */
    public static final int MAX_WINDOW = 10_000;
    public static final List<String> PARTIES = List.of("customer", "agent");
    /**
     * Every outcome a call can have: telephony's {@code CallOutcome} keys. Listed here because search
     * does not depend on telephony; a new outcome there must be added here to be searchable.
     */
    public static final List<String> OUTCOMES = List.of("answered", "abandoned", "timeout", "exit-with-key",
            "after-hours");
    /**
     * Every flag the speech analysis raises (its sentiment scorer; README, "Call-level flags"). Listed
     * here because search does not depend on speech; a new flag there must be added here to be searchable.
     */
    public static final List<String> FLAGS = List.of("customer-negative", "agent-negative", "escalation",
            "long-dead-air", "frequent-interruptions");

    /**
     * A caller number as {@code caller=} compares it (no white space, - . ( ) or leading +, lower case):
     * two numbers are the same caller exactly when these are equal. Empty when nothing is left.
     */
    public static String callerNumber(String caller) {
        return Fields.callerNumber(caller);
    }

    public CallQuery {
        if (party != null && !PARTIES.contains(party)) {
            throw new IllegalArgumentException("party must be customer or agent, was '" + party + "'");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
        duration = duration == null ? Range.ANY : duration;
        waitTime = waitTime == null ? Range.ANY : waitTime;
        talkTime = talkTime == null ? Range.ANY : talkTime;
        callers = copy(callers);
        queues = copy(queues);
        agents = copy(agents);
        outcomes = known("outcome", copy(outcomes), OUTCOMES);
        flags = known("flag", copy(flags), FLAGS);
        conditions = copy(conditions);
        crmIds = copy(crmIds);
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1-" + MAX_SIZE + ", was " + size);
        }
        if (((long) page + 1) * size > MAX_WINDOW) { // long before the +1: page may be Integer.MAX_VALUE
            throw new IllegalArgumentException("page " + page + " of size " + size + " goes past the first "
                    + MAX_WINDOW + " hits: narrow the search instead");
        }
    }

    /** Text and a duration range only: the shape before issue 6. */
    public CallQuery(String text, Double minDuration, Double maxDuration, int page, int size) {
        this(text, null, null, null, new Range(minDuration, maxDuration), null, null,
                null, null, null, null, null, null, null, null, page, size);
    }

    /**
     * Reads the parameters of {@code GET /api/calls}, as Netty's {@code QueryStringDecoder} gives
     * them. Blank values count as absent; only the list parameters may be repeated.
     * <pre>
     * q           query text (see {@link #text}); a syntax error surfaces from search() as QuerySyntaxException
     * party       customer | agent
     * from, to    YYYY-MM-DD (a day in {@code zone}: from its start; to includes it) | ISO instant (from inclusive, to exclusive)
     * minDuration, maxDuration, minWait, maxWait, minTalk, maxTalk   seconds &gt;= 0, bounds inclusive
     * caller      caller number, compared without spaces, - . ( ) and a leading + (so a + that a URL
     *             decodes to a space does no harm); no country code is guessed; repeated = any of
     * queue, agent   exact value; repeated = any of
     * outcome     one of {@link #OUTCOMES}; repeated = any of
     * flag        one of {@link #FLAGS}; repeated = all of
     * where       FIELD OP NUMBER, OP one of &gt;= &lt;= &gt; &lt; =, FIELD one of {@link Figures#NUMERIC_FIELDS}; repeated = all of
     * crmId       the caller's CRM record id, exact; repeated = any of
     * sort        relevance | date | -date | duration | -duration | sentiment | -sentiment   (- = descending)
     * page        0-based, default 0;   size   1..100, default 20;   (page + 1) * size &lt;= 10000
     * </pre>
     *
     * @throws QueryParameterException naming the parameter, its value and what is allowed
     */
    public static CallQuery fromParameters(Map<String, List<String>> params, ZoneId zone) {
        return QueryParameters.parse(params, zone);
    }

    /** {@link #fromParameters(Map, ZoneId)} with days in UTC. */
    public static CallQuery fromParameters(Map<String, List<String>> params) {
        return fromParameters(params, ZoneId.of("UTC"));
    }

    public static Builder builder() {
        return new Builder();
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static List<String> known(String what, List<String> values, List<String> allowed) {
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException("unknown " + what + " '" + value + "': known are "
                        + String.join(", ", allowed));
            }
        }
        return values;
    }

    /** A closed range of seconds; either end may be open (null). */
    public record Range(Double min, Double max) {

        public static final Range ANY = new Range(null, null);

        public Range {
            if (min != null && min.isNaN() || max != null && max.isNaN()) {
                throw new IllegalArgumentException("a range bound must be a number, was " + min + ".." + max);
            }
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("min " + min + " is above max " + max);
            }
        }

        public boolean isAny() {
            return min == null && max == null;
        }
    }

    /**
     * A numeric condition such as {@code interruptions.customer>=3}: true for a call whose number
     * compares so; never true for a call without that number.
     *
     * @param field one of {@link Figures#NUMERIC_FIELDS}
     */
    public record Condition(String field, Op op, double value) {

        private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_.]*)\\s*(>=|<=|>|<|=)\\s*(\\S+)\\s*");

        public enum Op {
            GE(">="), LE("<="), GT(">"), LT("<"), EQ("=");

            private final String symbol;

            Op(String symbol) {
                this.symbol = symbol;
            }

            public String symbol() {
                return symbol;
            }
        }

        public Condition {
            Objects.requireNonNull(op, "op");
            if (!Figures.NUMERIC_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "': known are "
                        + String.join(", ", Figures.NUMERIC_FIELDS));
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(field + " cannot be compared with " + value);
            }
        }

        /** Reads {@code FIELD OP NUMBER}, OP one of >=, <=, >, <, =, e.g. {@code sentiment.customer<=-0.3}. */
        public static Condition parse(String text) {
            Matcher m = SYNTAX.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "' is not FIELD OP NUMBER with OP one of >=, <=, >, <, ="
                        + " (e.g. interruptions.customer>=3)");
            }
            double value;
            try {
                value = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + m.group(3) + "' in '" + text + "' is not a number");
            }
            for (Op op : Op.values()) {
                if (op.symbol.equals(m.group(2))) {
                    return new Condition(m.group(1), op, value);
                }
            }
            throw new AssertionError("the pattern admits only the operators above: " + m.group(2));
        }

        @Override
        public String toString() {
            return field + op.symbol + value;
        }
    }

    /**
     * The order of hits. In parameters: {@code sort=KEY} ascending, {@code sort=-KEY} descending
     * (JSON:API style); {@code relevance} takes no sign and is always best first.
     */
    public record SortOrder(SortBy by, boolean descending) {

        public enum SortBy {
            /** Best match first; ties newest first. */
            RELEVANCE,
            /** By start time. */
            DATE,
            /** By call duration. */
            DURATION,
            /** By call-level sentiment; calls without one come last either way. */
            SENTIMENT;

            public String key() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public static final SortOrder RELEVANCE = new SortOrder(SortBy.RELEVANCE, true);
        public static final SortOrder NEWEST_FIRST = new SortOrder(SortBy.DATE, true);

        public SortOrder {
            Objects.requireNonNull(by, "by");
            descending = descending || by == SortBy.RELEVANCE; // best first is the only relevance order
        }

        /** Reads {@code [-]relevance|date|duration|sentiment}. */
        public static SortOrder parse(String text) {
            boolean descending = text.startsWith("-");
            String key = descending ? text.substring(1) : text;
            for (SortBy by : SortBy.values()) {
                if (by.key().equals(key)) {
                    if (by == SortBy.RELEVANCE && descending) {
                        throw new IllegalArgumentException("'" + text + "': relevance is always best first, write relevance");
                    }
                    return new SortOrder(by, descending);
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not one of relevance, date, -date, duration,"
                    + " -duration, sentiment, -sentiment (- = descending)");
        }

        @Override
        public String toString() {
            return by == SortBy.RELEVANCE ? by.key() : (descending ? "-" : "") + by.key();
        }
    }

    /** Builds a {@link CallQuery}; list filters accumulate, everything else replaces. */
    public static final class Builder {
        private String text;
        private String party;
        private Instant from;
        private Instant to;
        private Range duration = Range.ANY;
        private Range waitTime = Range.ANY;
        private Range talkTime = Range.ANY;
        private final List<String> callers = new ArrayList<>();
        private final List<String> queues = new ArrayList<>();
        private final List<String> agents = new ArrayList<>();
        private final List<String> outcomes = new ArrayList<>();
        private final List<String> flags = new ArrayList<>();
        private final List<Condition> conditions = new ArrayList<>();
        private final List<String> crmIds = new ArrayList<>();
        private SortOrder sort;
        private int page;
        private int size = DEFAULT_SIZE;

        private Builder() {
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder party(String party) {
            this.party = party;
            return this;
        }

        /** Started at or after {@code from} and before {@code to}; either may be null. */
        public Builder startedBetween(Instant from, Instant to) {
            this.from = from;
            this.to = to;
            return this;
        }

        public Builder duration(Double min, Double max) {
            this.duration = new Range(min, max);
            return this;
        }

        public Builder waitTime(Double min, Double max) {
            this.waitTime = new Range(min, max);
            return this;
        }

        public Builder talkTime(Double min, Double max) {
            this.talkTime = new Range(min, max);
            return this;
        }

        /** Caller numbers as users write them; see {@link CallQuery#callers}. */
        public Builder caller(String... callers) {
            this.callers.addAll(List.of(callers));
            return this;
        }

        public Builder queue(String... queues) {
            this.queues.addAll(List.of(queues));
            return this;
        }

        public Builder agent(String... agents) {
            this.agents.addAll(List.of(agents));
            return this;
        }

        public Builder outcome(String... outcomes) {
            this.outcomes.addAll(List.of(outcomes));
            return this;
        }

        public Builder flag(String... flags) {
            this.flags.addAll(List.of(flags));
            return this;
        }

        public Builder where(Condition condition) {
            this.conditions.add(condition);
            return this;
        }

        /** @see Condition#parse */
        public Builder where(String condition) {
            return where(Condition.parse(condition));
        }

        /** Calls linked to any of these CRM records. */
        public Builder crmId(String... crmIds) {
            this.crmIds.addAll(List.of(crmIds));
            return this;
        }

        public Builder sort(SortOrder sort) {
            this.sort = sort;
            return this;
        }

        public Builder page(int page) {
            this.page = page;
            return this;
        }

        public Builder size(int size) {
            this.size = size;
            return this;
        }

        public CallQuery build() {
            return new CallQuery(text, party, from, to, duration, waitTime, talkTime, callers, queues, agents, outcomes,
                    flags, conditions, crmIds, sort, page, size);
        }
    }
}
