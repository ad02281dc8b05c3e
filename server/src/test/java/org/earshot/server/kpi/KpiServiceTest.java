package org.earshot.server.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.earshot.server.kpi.KpiQuery.GroupBy;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KpiServiceTest {

    private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");
    private Database db;
    private KpiService kpis;

    @BeforeEach
    void storeCraftedCalls() {
        db = Database.open("jdbc:h2:mem:kpi" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", null, null);
        CallStore calls = new CallStore(db);
        calls.save(call("a1", 60, "Alice Agent", CallOutcome.ANSWERED, 10, 100.0));
        calls.save(call("a2", 600, "Bob Agent", CallOutcome.ANSWERED, 30, 200.0));
        calls.save(call("short", 900, null, CallOutcome.ABANDONED, 3, null));
        calls.save(call("ab", 1200, null, CallOutcome.ABANDONED, 40, null));
        calls.save(call("to", 1500, null, CallOutcome.TIMEOUT, 60, null));
        calls.save(call("nextDay", 86_400 + 60, "Alice Agent", CallOutcome.ANSWERED, 1, 5.0));
        kpis = new KpiService(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void figuresOfOneDayMatchTheirDefinitions() {
        List<KpiRow> rows = kpis.compute(new KpiQuery(DAY, DAY.plusSeconds(86_400), GroupBy.NONE, 20, 5));

        assertThat(rows).hasSize(1);
        KpiRow row = rows.get(0);
        // 5 calls entered; the 3 s abandon is short: left out of offered and abandoned.
        assertThat(row.offered()).isEqualTo(4);
        assertThat(row.shortAbandoned()).isEqualTo(1);
        assertThat(row.answered()).isEqualTo(2);
        assertThat(row.abandoned()).isEqualTo(1);
        assertThat(row.timedOut()).isEqualTo(1);
        assertThat(row.asaSeconds()).isEqualTo(20.0);              // (10 + 30) / 2
        assertThat(row.ahtSeconds()).isEqualTo(150.0);             // (100 + 200) / 2
        assertThat(row.avgWaitSeconds()).isEqualTo(35.0);          // (10 + 30 + 40 + 60) / 4
        assertThat(row.maxWaitSeconds()).isEqualTo(60.0);
        assertThat(row.abandonRate()).isCloseTo(0.25, within(1e-9));
        assertThat(row.serviceLevel()).isCloseTo(0.25, within(1e-9)); // only the 10 s answer is within 20 s
    }

    @Test
    void groupingByAgentGivesOneRowPerAgentAndOneForUnansweredCalls() {
        List<KpiRow> rows = kpis.compute(new KpiQuery(DAY, DAY.plusSeconds(86_400), GroupBy.AGENT, 20, 5));

        assertThat(rows).extracting(KpiRow::key).containsExactly("", "Alice Agent", "Bob Agent");
        assertThat(rows.get(1).ahtSeconds()).isEqualTo(100.0);
        assertThat(rows.get(2).asaSeconds()).isEqualTo(30.0);
    }

    @Test
    void emptyRangeGivesNoRows() {
        assertThat(kpis.compute(new KpiQuery(DAY.minusSeconds(7200), DAY, GroupBy.NONE, 20, 5))).isEmpty();
    }

    private static CallRecord call(String id, long enteredAfterMidnight, String agent, CallOutcome outcome, double wait,
                                   Double talk) {
        Instant entered = DAY.plusSeconds(enteredAfterMidnight);
        Instant answered = outcome == CallOutcome.ANSWERED ? entered.plusSeconds((long) wait) : null;
        Instant ended = entered.plusSeconds((long) (wait + (talk == null ? 0 : talk)));
        return new CallRecord(id, id + "-l", "555", "Customer", "support", agent, entered, answered, ended, wait, talk,
                outcome, null);
    }
}
