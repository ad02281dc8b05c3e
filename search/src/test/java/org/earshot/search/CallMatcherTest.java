package org.earshot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.earshot.search.CallBuilder.callWith;
import static org.earshot.search.Calls.dialogue;
import static org.earshot.search.Calls.says;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One call tested against saved searches: the same answer as a search over the index, without the index. */
class CallMatcherTest {

    private static final CallDocument CANCELLING = callWith("c1")
            .queue("billing").agents("alice").duration(300).flags("escalation")
            .words(dialogue(says("customer", 0, "i want to cancel my contract"), says("agent", 4, "let me help")))
            .build();

    private static final List<String[]> QUERIES = List.of(
            new String[] {"q", "cancel"},
            new String[] {"q", "refund"},
            new String[] {"q", "\"cancel my\"", "party", "customer"},
            new String[] {"q", "cancel", "party", "agent"},
            new String[] {"q", "NOT refund"},
            new String[] {"q", "-cancel"},
            new String[] {"q", "canc*", "queue", "billing"},
            new String[] {"queue", "sales"},
            new String[] {"minDuration", "200", "agent", "alice"},
            new String[] {"maxDuration", "200"},
            new String[] {"flag", "escalation"},
            new String[] {"flag", "customer-negative"},
            new String[] {"outcome", "abandoned", "outcome", "answered"});

    @Test
    void answersEveryQueryAsTheIndexDoes() throws Exception {
        try (var index = TranscriptIndex.inMemory(); var matcher = CallMatcher.of(CANCELLING)) {
            Calls.add(index, CANCELLING);
            for (String[] params : QUERIES) {
                CallQuery query = CallQuery.fromParameters(Parameters.of(params));
                boolean found = index.search(query).total() == 1;
                assertThat(matcher.matches(query)).as(String.join(" ", params)).isEqualTo(found);
            }
        }
    }

    @Test
    void matchesWhatTheCallSaysAndNotWhatItDoesNot() throws Exception {
        try (var matcher = CallMatcher.of(CANCELLING)) {
            assertThat(matcher.matches(Calls.query("customer:cancel"))).isTrue();
            assertThat(matcher.matches(Calls.query("agent:cancel"))).isFalse();
        }
    }

    @Test
    void textThatDoesNotParseIsRefusedSayingWhere() {
        CallQuery broken = Calls.query("\"cancel my");

        assertThatThrownBy(() -> CallMatcher.check(broken)).isInstanceOf(QuerySyntaxException.class);
        try (var matcher = CallMatcher.of(CANCELLING)) {
            assertThatThrownBy(() -> matcher.matches(broken)).isInstanceOf(QuerySyntaxException.class);
        }
    }
}
