package org.earshot.bench.kpi;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.earshot.bench.server.SyntheticStore;
import org.earshot.bench.server.YearOfCalls;
import org.earshot.server.Json;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.store.SurveyStore;

/**
 * The two stores the views are timed on, filled through the product's own write path ({@link CallStore#save},
 * {@link SurveyStore#save}, {@link AgentIntervalStore#record}) so whatever the product keeps beside the rows
 * (change log, agents, rollups) fills as it would live: one with the year's calls and surveys, and one that also
 * holds the agents' activity intervals. A store that already holds what it should is reused.
 */
final class BenchStores {

    /** What a store holds: the bench reuses one only when all three match. */
    record Contents(long calls, long surveys, long intervals) {
        @Override
        public String toString() {
            return String.format("%,d calls, %,d surveys, %,d agent intervals", calls, surveys, intervals);
        }
    }

    private final YearOfCalls calls;
    private final YearOfSurveys surveys;
    private final YearOfAgentStates states;
    private final long seed;
    private final int threads;
    private final boolean fresh;
    /** Continue a calls store whose load stopped part-way: the store's saves are idempotent, stored calls stay as they are. */
    private boolean resume;
    private final PrintStream print;
    private long expectedSurveys = -1;

    BenchStores(YearOfCalls calls, YearOfSurveys surveys, YearOfAgentStates states, long seed, int threads,
                boolean fresh, PrintStream print) {
        this.calls = calls;
        this.surveys = surveys;
        this.states = states;
        this.seed = seed;
        this.threads = threads;
        this.fresh = fresh;
        this.print = print;
    }

    BenchStores resuming(boolean resume) {
        this.resume = resume;
        return this;
    }

    /** The year's calls and surveys, no agent activity. */
    void ensureCalls(StoreLocation at) throws Exception {
        Contents want = new Contents(calls.size(), expectedSurveys(), 0);
        if (reusable(at, want)) {
            return;
        }
        if (!resume) {
            at.clear();
        }
        try (Database db = Database.open(at.jdbcUrl(), null, null)) {
            loadCallsAndSurveys(db);
            check(at, db, want);
        }
    }

    /** The year's calls and surveys and the agents' activity: a copy of {@code calls} where the location can copy. */
    void ensureIntervals(StoreLocation at, StoreLocation calls) throws Exception {
        Contents want = new Contents(this.calls.size(), expectedSurveys(), states.total());
        if (reusable(at, want)) {
            return;
        }
        at.clear();
        boolean copied = at.copyFrom(calls);
        if (copied) {
            print.printf("store:      %s copied from %s (the calls and surveys as stored there)%n", at.label(), calls.label());
        }
        try (Database db = Database.open(at.jdbcUrl(), null, null)) {
            if (!copied) {
                loadCallsAndSurveys(db);
            }
            loadIntervals(db);
            check(at, db, want);
        }
    }

    /** A load that stored other than it meant to (a change the store took as no change) would time other data. */
    private void check(StoreLocation at, Database db, Contents want) throws Exception {
        Contents held = contents(db);
        if (!held.equals(want)) {
            throw new IllegalStateException(at.label() + " holds " + held + " after loading, not " + want);
        }
        at.recipe(recipe(want));
        print.printf("store:      %s now holds %s, %s%n", at.label(), held, at.size());
    }

    private boolean reusable(StoreLocation at, Contents want) throws Exception {
        if (fresh || !at.exists()) {
            return false;
        }
        Contents held;
        try (Database db = Database.open(at.jdbcUrl(), null, null)) {
            held = contents(db);
        }
        String recipe = at.recipe();
        if (held.equals(want) && recipe(want).equals(recipe)) {
            print.printf("store:      reusing %s (%s, %s)%n", at.label(), held, at.size());
            return true;
        }
        print.printf("store:      %s holds %s (%s), not %s: loading it again%n", at.label(), held,
                recipe == null ? "no finished load" : recipe, recipe(want));
        return false;
    }

    private void loadCallsAndSurveys(Database db) throws Exception {
        // As a node's first start does on an empty store: the rollups are current from the first call on
        // (a resumed store is counted again first, as a node would).
        var rollups = SyntheticStore.stores(db).kpiRollups();
        if (!rollups.markCurrentIfEmpty()) {
            long start = System.nanoTime();
            rollups.rebuild(day -> { });
            print.printf("store:      KPI rollups of the calls stored so far rebuilt in %.0f s%n", (System.nanoTime() - start) / 1e9);
        }
        long start = System.nanoTime();
        SyntheticStore.save(SyntheticStore.stores(db).calls(), calls, threads, print);
        rate("calls", calls.size(), "CallStore.saveAll", start);
        SurveyStore store = SyntheticStore.stores(db).surveys();
        AtomicLong saved = new AtomicLong();
        long surveysStart = System.nanoTime();
        SyntheticStore.inParallel(calls.size(), threads, "bench-survey-writer", i -> surveys.of(i).ifPresent(a -> {
            store.save(a.linkedId(), a.csat(), a.nps(), a.ces(), a.answeredAt());
            saved.incrementAndGet();
        }));
        rate("surveys", saved.get(), "SurveyStore.save", surveysStart);
    }

    /** Each agent's changes in time order (the store closes the open interval at the next one); agents in parallel. */
    private void loadIntervals(Database db) throws Exception {
        AgentIntervalStore store = SyntheticStore.stores(db).agentIntervals();
        var agents = states.agents();
        AtomicLong recorded = new AtomicLong();
        long start = System.nanoTime();
        SyntheticStore.inParallel(agents.size(), threads, "bench-interval-writer", a -> {
            for (YearOfAgentStates.Change change : states.year(a)) {
                store.record(agents.get(a), change.activity(), change.at());
                if (recorded.incrementAndGet() % 250_000 == 0) {
                    print.printf("            %,d agent intervals recorded after %.0f s%n", recorded.get(),
                            (System.nanoTime() - start) / 1e9);
                }
            }
        });
        rate("agent intervals", recorded.get(), "AgentIntervalStore.record, one transaction each", start);
    }

    /**
     * What a load made, beyond counts: the same counts from another seed or generator are other data. Bump the
     * version when a generator changes what it makes.
     */
    private String recipe(Contents want) {
        return "KpiBench stores v1, seed " + seed + ": " + want;
    }

    private void rate(String what, long count, String how, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        print.printf("load:       %,d %s through %s from %d threads in %.1f s (%,.0f a second)%n", count, what, how,
                threads, seconds, count / seconds);
    }

    private long expectedSurveys() {
        if (expectedSurveys < 0) {
            long n = 0;
            for (int i = 0; i < calls.size(); i++) {
                n += surveys.of(i).isPresent() ? 1 : 0;
            }
            expectedSurveys = n;
        }
        return expectedSurveys;
    }

    /** Counts only: reading what a store holds is no write around the product's path. */
    static Contents contents(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            return new Contents(count(s, "calls"), count(s, "surveys"), count(s, "agent_intervals"));
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
