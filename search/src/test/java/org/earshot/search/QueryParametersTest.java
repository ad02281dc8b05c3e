package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.earshot.search.CallQuery.Condition;
import org.earshot.search.CallQuery.Condition.Op;
import org.earshot.search.CallQuery.Range;
import org.earshot.search.CallQuery.SortOrder;
import org.earshot.search.CallQuery.SortOrder.SortBy;
import org.junit.jupiter.api.Test;

/** GET /api/calls parameters read into a CallQuery, and every refusal naming what is wrong. */
class QueryParametersTest {

    private static CallQuery parse(String... params) {
        return CallQuery.fromParameters(Parameters.of(params));
    }

    private static void refused(String parameter, String message, String... params) {
        assertThatThrownBy(() -> parse(params))
                .isInstanceOf(QueryParameterException.class)
                .hasMessage(message)
                .extracting(e -> ((QueryParameterException) e).parameter()).isEqualTo(parameter);
    }

    @Test
    void noParametersMeanAllCallsFirstPageOfTwenty() {
        CallQuery query = parse();

        assertThat(query).isEqualTo(CallQuery.builder().build());
        assertThat(query.page()).isZero();
        assertThat(query.size()).isEqualTo(20);
        assertThat(query.sort()).isNull();
    }

    @Test
    void everyParameterIsRead() {
        CallQuery query = parse("q", "refund", "party", "agent", "from", "2026-11-23T08:00:00Z", "to", "2026-11-30",
                "minDuration", "60", "maxDuration", "600.5", "minWait", "1", "maxWait", "20", "minTalk", "30",
                "maxTalk", "500", "queue", "billing", "agent", "alice", "agent", "bob", "outcome", "answered",
                "flag", "escalation", "where", "sentiment.customer<=-0.3", "sort", "-duration", "page", "2", "size", "50");

        assertThat(query.text()).isEqualTo("refund");
        assertThat(query.party()).isEqualTo("agent");
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(query.duration()).isEqualTo(new Range(60.0, 600.5));
        assertThat(query.waitTime()).isEqualTo(new Range(1.0, 20.0));
        assertThat(query.talkTime()).isEqualTo(new Range(30.0, 500.0));
        assertThat(query.queues()).containsExactly("billing");
        assertThat(query.agents()).containsExactly("alice", "bob");
        assertThat(query.outcomes()).containsExactly("answered");
        assertThat(query.flags()).containsExactly("escalation");
        assertThat(query.conditions()).containsExactly(new Condition("sentiment.customer", Op.LE, -0.3));
        assertThat(query.sort()).isEqualTo(new SortOrder(SortBy.DURATION, true));
        assertThat(query.page()).isEqualTo(2);
        assertThat(query.size()).isEqualTo(50);
    }

    @Test
    void blankValuesCountAsAbsent() {
        assertThat(parse("q", "", "party", " ", "minDuration", "", "queue", "")).isEqualTo(CallQuery.builder().build());
    }

    @Test
    void unknownParameterIsRefusedListingTheKnownOnes() {
        refused("colour", "unknown parameter 'colour': known are q, party, from, to, minDuration, maxDuration, "
                + "minWait, maxWait, minTalk, maxTalk, caller, queue, agent, outcome, flag, where, crmId, sort, page, size",
                "colour", "red");
    }

    @Test
    void unknownOutcomeIsRefusedListingTheOutcomes() {
        refused("outcome", "outcome: 'bogus' is not one of answered, abandoned, timeout, exit-with-key, after-hours",
                "outcome", "bogus");
    }

    @Test
    void misspeltOutcomeIsRefusedSuggestingTheNearestOne() {
        refused("outcome", "outcome: 'abandon' is not one of answered, abandoned, timeout, exit-with-key, after-hours"
                + ": did you mean abandoned?", "outcome", "abandon");
        refused("outcome", "outcome: 'EXIT_WITH_KEY' is not one of answered, abandoned, timeout, exit-with-key,"
                + " after-hours: did you mean exit-with-key?", "outcome", "EXIT_WITH_KEY");
    }

    @Test
    void unknownOutcomeAmongKnownOnesIsRefused() {
        refused("outcome", "outcome: 'bogus' is not one of answered, abandoned, timeout, exit-with-key, after-hours",
                "outcome", "answered", "outcome", "bogus");
    }

    @Test
    void everyOutcomeTelephonyGivesIsAccepted() {
        // telephony's CallOutcome keys
        assertThat(parse("outcome", "answered", "outcome", "abandoned", "outcome", "timeout",
                "outcome", "exit-with-key", "outcome", "after-hours").outcomes()).hasSize(5);
    }

    @Test
    void unknownFlagIsRefusedListingTheFlags() {
        refused("flag", "flag: 'bogus' is not one of customer-negative, agent-negative, escalation, long-dead-air,"
                + " frequent-interruptions", "flag", "bogus");
    }

    @Test
    void misspeltFlagIsRefusedSuggestingTheNearestOne() {
        refused("flag", "flag: 'escalaton' is not one of customer-negative, agent-negative, escalation, long-dead-air,"
                + " frequent-interruptions: did you mean escalation?", "flag", "escalaton");
    }

    @Test
    void flagFarFromEveryFlagIsRefusedWithoutAGuess() {
        refused("flag", "flag: 'negative' is not one of customer-negative, agent-negative, escalation, long-dead-air,"
                + " frequent-interruptions", "flag", "negative");
    }

    @Test
    void everyFlagTheAnalysisRaisesIsAccepted() {
        // README, "Call-level flags"
        assertThat(parse("flag", "customer-negative", "flag", "agent-negative", "flag", "escalation",
                "flag", "long-dead-air", "flag", "frequent-interruptions").flags()).hasSize(5);
    }

    @Test
    void builderRefusesAnUnknownOutcomeOrFlagToo() {
        assertThatThrownBy(() -> CallQuery.builder().outcome("bogus").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown outcome 'bogus': known are answered, abandoned, timeout, exit-with-key, after-hours");
        assertThatThrownBy(() -> CallQuery.builder().flag("bogus").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown flag 'bogus': known are customer-negative,");
    }

    @Test
    void callersAreReadAsGivenAndRepeatable() {
        assertThat(parse("caller", "+1 404 555 0149", "caller", "4045550150").callers())
                .containsExactly("+1 404 555 0149", "4045550150");
    }

    @Test
    void callerWithNothingButSeparatorsIsRefused() {
        refused("caller", "caller: '-()' is not a whole caller number, e.g. +1 404 555 0149 (spaces, - . ( ) and a"
                + " leading + are ignored)", "caller", "-()");
    }

    @Test
    void callerWithAWildcardIsRefused() {
        refused("caller", "caller: '404*' is not a whole caller number, e.g. +1 404 555 0149 (spaces, - . ( ) and a"
                + " leading + are ignored)", "caller", "404*");
    }

    @Test
    void unknownFigureIsRefusedListingTheKnownOnes() {
        refused("where", "where: unknown field 'interuptions.customer': known are " + String.join(", ", Figures.NUMERIC_FIELDS),
                "where", "interuptions.customer>=3");
    }

    @Test
    void conditionWithoutAnOperatorIsRefusedWithAnExample() {
        refused("where", "where: 'interruptions.customer 3' is not FIELD OP NUMBER with OP one of >=, <=, >, <, ="
                + " (e.g. interruptions.customer>=3)", "where", "interruptions.customer 3");
    }

    @Test
    void conditionWithoutANumberIsRefused() {
        refused("where", "where: 'lots' in 'interruptions.customer>=lots' is not a number",
                "where", "interruptions.customer>=lots");
    }

    @Test
    void fromThatIsNotADateIsRefused() {
        refused("from", "from: 'yesterday' is not a day (2026-11-23, in UTC) or an instant (2026-11-23T10:15:30Z)",
                "from", "yesterday");
        refused("to", "to: '2026-13-01' is not a day (2026-11-23, in UTC) or an instant (2026-11-23T10:15:30Z)",
                "to", "2026-13-01");
    }

    @Test
    void daysAreDaysOfTheServersTimeZone() {
        CallQuery query = CallQuery.fromParameters(Parameters.of("from", "2026-11-23", "to", "2026-11-23"),
                java.time.ZoneId.of("Europe/Berlin"));

        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-23T23:00:00Z"));
    }

    @Test
    void fromAfterToIsRefused() {
        refused("from", "from 2026-11-24 is not before to 2026-11-23T12:00:00Z"
                + " (to is exclusive for an instant, inclusive for a day)",
                "from", "2026-11-24", "to", "2026-11-23T12:00:00Z");
    }

    @Test
    void minAboveMaxIsRefused() {
        refused("minDuration", "minDuration 600 is above maxDuration 300", "minDuration", "600", "maxDuration", "300");
        refused("minWait", "minWait 9 is above maxWait 1", "minWait", "9", "maxWait", "1");
    }

    @Test
    void negativeOrNonNumericSecondsAreRefused() {
        refused("maxTalk", "maxTalk: -1 is not a number of seconds >= 0", "maxTalk", "-1");
        refused("minDuration", "minDuration: 'ten' is not a number of seconds", "minDuration", "ten");
        refused("minDuration", "minDuration: NaN is not a number of seconds >= 0", "minDuration", "NaN");
    }

    @Test
    void sizeAboveOneHundredIsRefused() {
        refused("size", "size: 500 is not within 1..100", "size", "500");
        refused("size", "size: 0 is not within 1..100", "size", "0");
    }

    @Test
    void pagesBeyondTheFirstTenThousandHitsAreRefused() {
        assertThat(parse("page", "99", "size", "100").page()).isEqualTo(99);
        refused("page", "page: 100 of size 100 goes past the first 10000 hits: narrow the search instead",
                "page", "100", "size", "100");
        refused("page", "page: -1 is below 0 (pages count from 0)", "page", "-1");
        refused("page", "page: 'two' is not a whole number", "page", "two");
    }

    @Test
    void theLargestPageNumberIsRefusedNotOverflowed() {
        refused("page", "page: 2147483647 of size 20 goes past the first 10000 hits: narrow the search instead",
                "page", "2147483647");
        assertThatThrownBy(() -> CallQuery.builder().page(Integer.MAX_VALUE).size(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("goes past");
    }

    @Test
    void partyOtherThanCustomerOrAgentIsRefused() {
        refused("party", "party: 'boss' is not customer or agent", "party", "boss");
    }

    @Test
    void unknownSortIsRefusedListingTheChoices() {
        refused("sort", "sort: 'loudness' is not one of relevance, date, -date, duration, -duration, sentiment,"
                + " -sentiment (- = descending)", "sort", "loudness");
        refused("sort", "sort: '-relevance': relevance is always best first, write relevance", "sort", "-relevance");
    }

    @Test
    void singleValuedParameterGivenTwiceIsRefused() {
        refused("q", "q is given 2 times (refund, cancel): give it once", "q", "refund", "q", "cancel");
    }

    @Test
    void sortOrdersReadAsTheyPrint() {
        for (String sort : List.of("relevance", "date", "-date", "duration", "-duration", "sentiment", "-sentiment")) {
            assertThat(SortOrder.parse(sort)).hasToString(sort);
        }
    }

    @Test
    void parametersAreReadFromListsAsNettyGivesThem() {
        Map<String, List<String>> params = Map.of("flag", Arrays.asList("escalation", null, "customer-negative"));

        assertThat(CallQuery.fromParameters(params).flags()).containsExactly("escalation", "customer-negative");
    }

    @Test
    void callDocumentRefusesAnUnknownFigureByName() {
        assertThatThrownBy(() -> CallBuilder.callWith("c1").figure("loudness", 3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("call c1: unknown figure 'loudness': known are sentiment, sentiment.customer");
    }

    @Test
    void callDocumentRefusesAFigureThatIsNotANumber() {
        assertThatThrownBy(() -> CallBuilder.callWith("c1").figure(Figures.SILENCE_RATIO, Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("call c1: figure silenceRatio is NaN: leave a figure out rather than give it no number");
    }
}
