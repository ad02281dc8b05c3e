package org.earshot.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.Test;

class DemoCallSimulatorTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-11-27T14:20:00Z");

    @Test
    void sameSeedAndInstantGiveTheSameCalls() {
        assertThat(CallSimulator.simulate(8, ZONE, NOW, 5)).isEqualTo(CallSimulator.simulate(8, ZONE, NOW, 5));
    }

    @Test
    void anotherSeedGivesOtherCalls() {
        assertThat(records(CallSimulator.simulate(9, ZONE, NOW, 5))).isNotEqualTo(records(CallSimulator.simulate(8, ZONE, NOW, 5)));
    }

    @Test
    void everyCallHasEndedByNow() {
        // A call still in progress is not finished, so the store could not hold it yet.
        assertThat(records(CallSimulator.simulate(8, ZONE, NOW, 5))).allSatisfy(c -> assertThat(c.endedAt()).isBeforeOrEqualTo(NOW));
    }

    @Test
    void noAgentTalksOnTwoCallsAtOnce() {
        record Talk(String agent, Instant start, Instant end) {
        }
        List<Talk> talks = new java.util.ArrayList<>();
        for (CallRecord call : records(CallSimulator.simulate(8, ZONE, NOW, 5))) {
            if (call.outcome() != CallOutcome.ANSWERED) {
                continue;
            }
            Instant start = call.answeredAt();
            for (AgentTalk part : call.agents()) {
                Instant end = start.plusMillis(Math.round(part.talkSeconds() * 1000));
                talks.add(new Talk(part.agent(), start, end));
                start = end;
            }
        }
        Map<String, List<Talk>> byAgent = talks.stream().collect(Collectors.groupingBy(Talk::agent));
        assertThat(byAgent).hasSizeGreaterThanOrEqualTo(6);
        byAgent.forEach((agent, own) -> {
            own.sort(Comparator.comparing(Talk::start));
            for (int i = 1; i < own.size(); i++) {
                assertThat(own.get(i).start()).as(agent + " call " + i).isAfterOrEqualTo(own.get(i - 1).end());
            }
        });
    }

    @Test
    void callersWhoGaveUpOrWereNotHelpedCallAgain() {
        List<CallRecord> calls = records(CallSimulator.simulate(8, ZONE, NOW, 5));
        Map<String, Long> byCaller = calls.stream().filter(c -> !"anonymous".equals(c.caller()))
                .collect(Collectors.groupingBy(CallRecord::caller, Collectors.counting()));
        assertThat(byCaller.values().stream().filter(n -> n > 1).count()).isGreaterThan(calls.size() / 20);
    }

    private static List<CallRecord> records(List<DemoCall> calls) {
        return calls.stream().map(DemoCall::record).toList();
    }
}
