package org.earshot.server.testing;

import java.time.Clock;
import org.earshot.server.Json;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.kpi.KpiRules;
import org.earshot.server.kpi.KpiService;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.EventOutbox;
import org.earshot.server.store.KpiRollupStore;
import org.earshot.server.store.SurveyStore;

/**
 * Stores wired as the composition root wires them, for tests: calls and surveys keep KPI rollups
 * built with the given definitions (the defaults when none are given).
 */
public final class TestStores {

    private TestStores() {
    }

    public static KpiRollupStore rollups(Database db, KpiDefinitions definitions) {
        return new KpiRollupStore(db, new KpiRules(definitions));
    }

    public static CallStore calls(Database db) {
        return calls(db, KpiDefinitions.DEFAULTS);
    }

    public static CallStore calls(Database db, KpiDefinitions definitions) {
        return new CallStore(db, Json.newMapper(), rollups(db, definitions));
    }

    /** Calls whose changes raise webhook events into {@code outbox}. */
    public static CallStore calls(Database db, EventOutbox outbox) {
        return new CallStore(db, Json.newMapper(), rollups(db, KpiDefinitions.DEFAULTS), outbox);
    }

    public static SurveyStore surveys(Database db) {
        return surveys(db, KpiDefinitions.DEFAULTS);
    }

    public static SurveyStore surveys(Database db, KpiDefinitions definitions) {
        return new SurveyStore(db, rollups(db, definitions));
    }

    /**
     * KPIs with these definitions. The rollups are rebuilt for them first (as a node does when it
     * starts), so the KPIs read rollups when the calls were written with the same definitions.
     */
    public static KpiService kpis(Database db, KpiDefinitions definitions, Clock clock) {
        rollups(db, definitions).rebuild(day -> { });
        return kpisAsStored(db, definitions, clock);
    }

    /** KPIs with these definitions over the rollups as the writers left them (no rebuild). */
    public static KpiService kpisAsStored(Database db, KpiDefinitions definitions, Clock clock) {
        return new KpiService(calls(db, definitions), rollups(db, definitions),
                new AgentIntervalStore(db, definitions.zone()), new KpiRules(definitions), clock);
    }
}
