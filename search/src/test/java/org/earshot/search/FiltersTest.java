package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earshot.search.CallBuilder.callWith;
import static org.earshot.search.Calls.add;
import static org.earshot.search.Calls.dialogue;
import static org.earshot.search.Calls.says;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.earshot.search.SearchResult.Hit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each filter of a call search on its own, through the parameters the HTTP API passes on. */
class FiltersTest {

    private final TranscriptIndex index = TranscriptIndex.inMemory();

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private List<String> ids(String... params) throws Exception {
        return index.search(CallQuery.fromParameters(Parameters.of(params))).hits().stream().map(Hit::id).toList();
    }

    @Test
    void partyParameterScopesTheWordsOfTheText() throws Exception {
        add(index,
                callWith("customerSaidIt").words(dialogue(says("customer", 0, "i want a refund"), says("agent", 3, "sure"))).build(),
                callWith("agentSaidIt").words(dialogue(says("customer", 0, "hello"), says("agent", 3, "no refund sorry"))).build());

        assertThat(ids("q", "refund", "party", "customer")).containsExactly("customerSaidIt");
        assertThat(ids("q", "refund", "party", "agent")).containsExactly("agentSaidIt");
        assertThat(ids("q", "refund")).containsExactlyInAnyOrder("customerSaidIt", "agentSaidIt");
    }

    @Test
    void partyParameterLeavesAnExplicitFieldAlone() throws Exception {
        add(index, callWith("c1").words(dialogue(says("customer", 0, "hello"), says("agent", 3, "no refund"))).build());

        assertThat(ids("q", "agent:refund", "party", "customer")).containsExactly("c1");
    }

    @Test
    void fromIsInclusiveAndToIsExclusiveForInstants() throws Exception {
        add(index,
                callWith("before").startedAt("2026-11-23T09:59:59.999Z").build(),
                callWith("atFrom").startedAt("2026-11-23T10:00:00Z").build(),
                callWith("atTo").startedAt("2026-11-23T11:00:00Z").build());

        assertThat(ids("from", "2026-11-23T10:00:00Z", "to", "2026-11-23T11:00:00Z")).containsExactly("atFrom");
    }

    @Test
    void dayBoundsCoverWholeUtcDaysAndToIncludesItsDay() throws Exception {
        add(index,
                callWith("dayBefore").startedAt("2026-11-22T23:59:59Z").build(),
                callWith("firstMoment").startedAt("2026-11-23T00:00:00Z").build(),
                callWith("lastMoment").startedAt("2026-11-24T23:59:59.999Z").build(),
                callWith("dayAfter").startedAt("2026-11-25T00:00:00Z").build());

        assertThat(ids("from", "2026-11-23", "to", "2026-11-24")).containsExactlyInAnyOrder("firstMoment", "lastMoment");
        assertThat(ids("from", "2026-11-23", "to", "2026-11-23")).containsExactly("firstMoment");
        assertThat(ids("to", "2026-11-22")).containsExactly("dayBefore");
    }

    @Test
    void durationWaitAndTalkRangesIncludeTheirBounds() throws Exception {
        add(index,
                callWith("short").duration(59.9).waitSeconds(2.0).talkSeconds(50.0).build(),
                callWith("edge").duration(60).waitSeconds(10.0).talkSeconds(30.0).build(),
                callWith("long").duration(600).waitSeconds(30.0).talkSeconds(null).build());

        assertThat(ids("minDuration", "60")).containsExactlyInAnyOrder("edge", "long");
        assertThat(ids("maxDuration", "60")).containsExactlyInAnyOrder("short", "edge");
        assertThat(ids("minWait", "10", "maxWait", "10")).containsExactly("edge");
        assertThat(ids("maxTalk", "30")).containsExactly("edge");
        assertThat(ids("minTalk", "0")).containsExactlyInAnyOrder("short", "edge"); // "long" has no talk time
    }

    @Test
    void crmIdMatchesTheLinkedRecordExactlyAndRepeatedValuesMeanAnyOf() throws Exception {
        add(index,
                callWith("ada").crmId("C-1001").build(),
                callWith("grace").crmId("C-1002").build(),
                callWith("unknown").build());

        assertThat(ids("crmId", "C-1001")).containsExactly("ada");
        assertThat(ids("crmId", "c-1001")).isEmpty();
        assertThat(ids("crmId", "C-1001", "crmId", "C-1002")).containsExactlyInAnyOrder("ada", "grace");
        assertThat(ids()).containsExactlyInAnyOrder("ada", "grace", "unknown");
    }

    @Test
    void redactedFindsTheCallsCardDataOfThatKindWasRedactedFrom() throws Exception {
        add(index,
                callWith("card").redacted("card", "code").build(),
                callWith("keyed").redacted("keypad").build(),
                callWith("order").build());

        assertThat(ids("q", "redacted:card")).containsExactly("card");
        assertThat(ids("q", "Redacted:CODE")).containsExactly("card");
        assertThat(ids("q", "redacted:keypad OR redacted:card")).containsExactlyInAnyOrder("card", "keyed");
        assertThat(ids("q", "NOT redacted:card")).containsExactlyInAnyOrder("keyed", "order");
        assertThat(ids("q", "redacted:expiry")).isEmpty();
    }

    @Test
    void queueAndOutcomeMatchExactlyAndRepeatedValuesMeanAnyOf() throws Exception {
        add(index,
                callWith("billing").queue("billing").build(),
                callWith("sales").queue("sales").build(),
                callWith("support").queue("support").outcome("abandoned").build());

        assertThat(ids("queue", "billing")).containsExactly("billing");
        assertThat(ids("queue", "Billing")).isEmpty();
        assertThat(ids("queue", "billing", "queue", "support")).containsExactlyInAnyOrder("billing", "support");
        assertThat(ids("outcome", "abandoned")).containsExactly("support");
    }

    @Test
    void agentMatchesAnyOfATransferredCallsAgents() throws Exception {
        add(index,
                callWith("transferred").agents("alice", "bob").build(),
                callWith("bobOnly").agents("bob").build(),
                callWith("nobody").agents().outcome("abandoned").build());

        assertThat(ids("agent", "alice")).containsExactly("transferred");
        assertThat(ids("agent", "bob")).containsExactlyInAnyOrder("transferred", "bobOnly");
    }

    @Test
    void everyFlagGivenMustBePresent() throws Exception {
        add(index,
                callWith("both").flags("customer-negative", "escalation").build(),
                callWith("negative").flags("customer-negative").build(),
                callWith("none").build());

        assertThat(ids("flag", "customer-negative")).containsExactlyInAnyOrder("both", "negative");
        assertThat(ids("flag", "customer-negative", "flag", "escalation")).containsExactly("both");
    }

    @Test
    void filtersCombineWithTheTextAndWithEachOther() throws Exception {
        add(index,
                callWith("match").queue("billing").duration(700).words(says("customer", 0, "cancel now")).build(),
                callWith("shortCall").queue("billing").duration(100).words(says("customer", 0, "cancel now")).build(),
                callWith("otherQueue").queue("sales").duration(700).words(says("customer", 0, "cancel now")).build(),
                callWith("otherWords").queue("billing").duration(700).words(says("customer", 0, "hello")).build());

        assertThat(ids("q", "cancel OR refund", "queue", "billing", "minDuration", "600")).containsExactly("match");
    }

    @Test
    void callerMatchesTheNumberWithOrWithoutPlusSpacesAndDashes() throws Exception {
        add(index,
                callWith("international").caller("+14045550149").build(),
                callWith("national").caller("4045550149").build(),
                callWith("other").caller("+15550100").build());

        for (String caller : List.of("+14045550149", "14045550149", "1 404 555 0149", "+1 (404) 555-0149",
                " 14045550149")) { // the last as a URL's unescaped + arrives: a space
            assertThat(ids("caller", caller)).as(caller).containsExactly("international");
        }
    }

    @Test
    void callerWithoutTheCountryCodeIsAnotherNumber() throws Exception {
        add(index,
                callWith("international").caller("+14045550149").build(),
                callWith("national").caller("4045550149").build());

        assertThat(ids("caller", "404 555 0149")).containsExactly("national");
    }

    @Test
    void callerStoredWithSeparatorsIsFoundByItsDigits() throws Exception {
        add(index, callWith("spaced").caller("+1 404-555-0149").build(), callWith("other").build());

        assertThat(ids("caller", "14045550149")).containsExactly("spaced");
    }

    @Test
    void callerIdThatIsNotANumberMatchesIgnoringCase() throws Exception {
        add(index, callWith("hidden").caller("Anonymous").build(), callWith("other").build());

        assertThat(ids("caller", "anonymous")).containsExactly("hidden");
    }

    @Test
    void repeatedCallerMeansAnyOf() throws Exception {
        add(index,
                callWith("first").caller("+14045550149").build(),
                callWith("second").caller("+14045550150").build(),
                callWith("third").caller("+14045550151").build());

        assertThat(ids("caller", "+14045550149", "caller", "14045550151")).containsExactlyInAnyOrder("first", "third");
    }

    @Test
    void callerCombinesWithTheOtherFilters() throws Exception {
        add(index,
                callWith("billing").caller("+14045550149").queue("billing").build(),
                callWith("sales").caller("+14045550149").queue("sales").build());

        assertThat(ids("caller", "14045550149", "queue", "sales")).containsExactly("sales");
    }

    @Test
    void callIndexedBeforeCallerNumbersExistedIsStillFoundByItsCaller() throws Exception {
        Document old = LuceneDocuments.toLucene(callWith("old").caller("+14045550149").build());
        old.removeFields(Fields.CALLER_NUMBER); // as indexed before caller= came
        Query byCaller = LuceneQueries.toLucene(null, CallQuery.fromParameters(Parameters.of("caller", "1 404 555 0149")));
        try (var directory = new ByteBuffersDirectory();
                var writer = new IndexWriter(directory, new IndexWriterConfig(Fields.analyzer()))) {
            writer.addDocument(old);
            try (var reader = DirectoryReader.open(writer)) {
                assertThat(new IndexSearcher(reader).count(byCaller)).isEqualTo(1);
            }
        }
    }

    private void addInterruptions(double... counts) throws Exception {
        for (double n : counts) {
            add(index, callWith("i" + (int) n).figure(Figures.INTERRUPTIONS_CUSTOMER, n).build());
        }
        add(index, callWith("unanalysed").build());
    }

    @Test
    void atLeastConditionIncludesItsValue() throws Exception {
        addInterruptions(2, 3, 4);
        assertThat(ids("where", "interruptions.customer>=3")).containsExactlyInAnyOrder("i3", "i4");
    }

    @Test
    void moreThanConditionExcludesItsValue() throws Exception {
        addInterruptions(2, 3, 4);
        assertThat(ids("where", "interruptions.customer>3")).containsExactly("i4");
    }

    @Test
    void atMostConditionIncludesItsValueButNeverACallWithoutTheFigure() throws Exception {
        addInterruptions(2, 3, 4);
        assertThat(ids("where", "interruptions.customer<=3")).containsExactlyInAnyOrder("i2", "i3");
    }

    @Test
    void lessThanConditionExcludesItsValue() throws Exception {
        addInterruptions(2, 3, 4);
        assertThat(ids("where", "interruptions.customer<3")).containsExactly("i2");
    }

    @Test
    void equalsConditionMatchesOnlyThatValue() throws Exception {
        addInterruptions(2, 3, 4);
        assertThat(ids("where", "interruptions.customer=3")).containsExactly("i3");
    }

    @Test
    void negativeFigureConditionsCompareAsNumbers() throws Exception {
        add(index,
                callWith("angry").figure(Figures.SENTIMENT_CUSTOMER, -0.6).build(),
                callWith("neutral").figure(Figures.SENTIMENT_CUSTOMER, -0.0).build(),
                callWith("happy").figure(Figures.SENTIMENT_CUSTOMER, 0.4).build());

        assertThat(ids("where", "sentiment.customer<=-0.3")).containsExactly("angry");
        assertThat(ids("where", "sentiment.customer=0")).containsExactly("neutral");
        assertThat(ids("where", "sentiment.customer >= 0")).containsExactlyInAnyOrder("neutral", "happy");
    }

    @Test
    void severalConditionsMustAllHold() throws Exception {
        add(index,
                callWith("both").figure(Figures.INTERRUPTIONS_CUSTOMER, 5).figure(Figures.DEAD_AIR_SECONDS, 20).build(),
                callWith("one").figure(Figures.INTERRUPTIONS_CUSTOMER, 5).figure(Figures.DEAD_AIR_SECONDS, 1).build());

        assertThat(ids("where", "interruptions.customer>=3", "where", "deadAirSeconds>10")).containsExactly("both");
    }

    @Test
    void conditionsWorkOnTheCallsDurationsToo() throws Exception {
        add(index,
                callWith("held").holdSeconds(90.0).build(),
                callWith("notHeld").holdSeconds(0.0).build(),
                callWith("unknown").build());

        assertThat(ids("where", "holdSeconds>0")).containsExactly("held");
        assertThat(ids("where", "durationSeconds=60")).containsExactlyInAnyOrder("held", "notHeld", "unknown");
    }

    @Test
    void builderMakesTheSameQueryAsTheParameters() throws Exception {
        var fromBuilder = CallQuery.builder().text("cancel").party("customer")
                .startedBetween(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-24T00:00:00Z"))
                .duration(600.0, null).queue("billing").flag("escalation").where("interruptions.customer>=3")
                .build();

        assertThat(CallQuery.fromParameters(Map.of("q", List.of("cancel"), "party", List.of("customer"),
                "from", List.of("2026-11-23"), "to", List.of("2026-11-23"), "minDuration", List.of("600"),
                "queue", List.of("billing"), "flag", List.of("escalation"),
                "where", List.of("interruptions.customer>=3")))).isEqualTo(fromBuilder);
    }
}
