package org.earshot.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;

/**
 * The stores over one database, for work on the store without a running node (import, reindex, the
 * demo's loader): they ask these, never the {@link Database}. The composition root opens them
 * ({@code Earshot.openStores}); closing them closes the database.
 *
 * <pre>{@code
 * try (Stores stores = Earshot.openStores(config)) {
 *     long calls = stores.calls().count();
 * }
 * }</pre>
 */
public final class Stores implements AutoCloseable {

    private final Database db;
    private final CallStore calls;
    private final SurveyStore surveys;
    private final UserStore users;
    private final AuditStore audit;
    private final AgentIntervalStore agentIntervals;
    private final KpiRollupStore kpiRollups;
    private final CallCrmStore callCrm;
    private final LifecycleStore lifecycle;

    /**
     * The stores over {@code db}, which they own from now on: {@link #close()} closes it.
     *
     * @param kpiRules the KPI rules the rollups are kept with
     */
    public Stores(Database db, ObjectMapper json, RollupRules kpiRules) {
        this.db = db;
        this.kpiRollups = new KpiRollupStore(db, kpiRules);
        this.calls = new CallStore(db, json, kpiRollups);
        this.surveys = new SurveyStore(db, kpiRollups);
        this.users = new UserStore(db);
        this.audit = new AuditStore(db);
        this.agentIntervals = new AgentIntervalStore(db, kpiRules.zone());
        this.callCrm = new CallCrmStore(db);
        this.lifecycle = new LifecycleStore(db, json);
    }

    /** Erasure, retention and legal hold. */
    public LifecycleStore lifecycle() {
        return lifecycle;
    }

    public CallStore calls() {
        return calls;
    }

    /** Which CRM record each call's caller is. */
    public CallCrmStore callCrm() {
        return callCrm;
    }

    public KpiRollupStore kpiRollups() {
        return kpiRollups;
    }

    public SurveyStore surveys() {
        return surveys;
    }

    public UserStore users() {
        return users;
    }

    public AuditStore audit() {
        return audit;
    }

    public AgentIntervalStore agentIntervals() {
        return agentIntervals;
    }

    /**
     * The job queue as this process sees it: each process has its own worker id and lease.
     *
     * @param workerId names this process in the jobs table, e.g. "import"
     */
    public JobQueue jobs(Clock clock, String workerId, Duration lease) {
        return new JobQueue(db, clock, workerId, lease);
    }

    @Override
    public void close() {
        db.close();
    }
}
