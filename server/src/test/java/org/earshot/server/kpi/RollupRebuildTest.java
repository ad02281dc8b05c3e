package org.earshot.server.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.earshot.server.kpi.KpiQuery.GroupBy;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.KpiRollupStore;
import org.earshot.server.store.TestDatabase;
import org.earshot.server.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A changed KPI setting: the old rollups are not used, figures come from the calls until the rebuild is done. */
class RollupRebuildTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), BERLIN);

    @TempDir
    Path dir;

    @Test
    void aChangedServiceLevelThresholdIsServedFromTheCallsUntilTheRollupsAreRebuilt() throws Exception {
        RandomCallCenter center = new RandomCallCenter(BERLIN, LocalDate.of(2026, 4, 1), 5, 800, 11);
        KpiDefinitions before = center.definitions();
        KpiDefinitions after = new KpiDefinitions(BERLIN, new KpiSettings(60, 5, false,
                KpiSettings.ServiceLevelBase.OFFERED, Duration.ofDays(7), Duration.ofDays(30)), before.perQueue(),
                before.openingHours());
        KpiQuery week = new KpiQuery(center.start(), center.end(), GroupBy.DAY, null, null);
        try (TestDatabase test = TestDatabase.create("h2", dir); Database db = test.open()) {
            KpiService old = TestStores.kpis(db, before, CLOCK);
            center.store(TestStores.calls(db, before), TestStores.surveys(db, before));

            KpiRollupStore rollups = TestStores.rollups(db, after);
            KpiService changed = new KpiService(TestStores.calls(db, after), rollups, new AgentIntervalStore(db, BERLIN),
                    new KpiRules(after), CLOCK);
            assertThat(changed.rollupsCurrent()).as("built with the old threshold").isFalse();
            assertThat(changed.compute(week)).as("from the calls, with the new threshold").isEqualTo(changed.computeRaw(week))
                    .isNotEqualTo(old.compute(week));

            RollupRebuild rebuild = new RollupRebuild(rollups, new AgentIntervalStore(db, BERLIN));
            rebuild.start();
            rebuild.awaitDone();

            assertThat(changed.rollupsCurrent()).isTrue();
            assertThat(old.rollupsCurrent()).as("the old definitions are stale now").isFalse();
            assertThat(changed.compute(week)).isEqualTo(changed.computeRaw(week));
        }
    }
}
