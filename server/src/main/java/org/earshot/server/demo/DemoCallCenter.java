package org.earshot.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;
import org.earshot.server.jobs.CallIntake;
import org.earshot.server.store.AgentIntervalStore;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.JobQueue;
import org.earshot.server.store.Stores;
import org.earshot.server.store.SurveyStore;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo call center of {@code earshot serve --demo}: five days of calls up to now across three
 * queues and eight agents, with surveys, agent shifts and a dozen short recorded calls. Generated
 * once from a fixed seed, stored through the same store, change log and job queue as real calls (so
 * the search index, the KPIs and the analysis workers take them up like any other), then reused.
 *
 * <pre>{@code
 * Loaded demo = DemoCallCenter.load(config, clock, System.out);   // before Earshot.wire(config, ...)
 * Earshot node = Earshot.wire(config, clock, Earshot.Role.SERVE, DemoCallCenter.liveFloor(config, clock));
 * }</pre>
 */
public final class DemoCallCenter {

    /** The demo users, one per role, all with {@link #PASSWORD} (admin's own password flag wins for admin). */
    public static final List<String> USERS = List.of("admin", "supervisor", "qa", "trainer");
    public static final String PASSWORD = "earshot-demo";
    /** Where {@code serve --demo} keeps its data when no {@code --data-dir} is given: never beside real data. */
    public static final Path DEFAULT_DATA_DIR = Path.of("demo-data");
    public static final int DAYS = 5;
    /** The seed of every random choice: issue 8, "Demo and first run". */
    static final long SEED = 8;

    private static final Logger log = LoggerFactory.getLogger(DemoCallCenter.class);
    /** Who the audit log says created the demo users. */
    private static final String AUDIT_ACTOR = "(demo)";

    /** What a start did: generated the demo now, found it there already, or left a store with other calls alone. */
    public enum Status { GENERATED, REUSED, REFUSED }

    /**
     * What the demo holds.
     *
     * @param note              why nothing was loaded (REFUSED), else empty
     * @param recordedCallIds   the calls with a recording, queued for analysis
     * @param recordingsSkipped why there are no recordings and how to get them, or null
     * @param adminUsesDemoPassword false when admin got the configured admin password instead of {@link #PASSWORD}
     */
    public record Loaded(Status status, String note, Instant from, Instant to, int calls, int answered, int abandoned,
                         int surveys, int repeatCallers, List<String> queues, List<String> agents,
                         List<String> recordedCallIds, String recordingsSkipped, boolean adminUsesDemoPassword) {
        public Loaded {
            queues = List.copyOf(queues);
            agents = List.copyOf(agents);
            recordedCallIds = List.copyOf(recordedCallIds);
        }

        /** Who can log in with what, for the console (the demo password is public; a configured one is not shown). */
        public String logins() {
            if (status == Status.REFUSED) {
                return "";
            }
            return adminUsesDemoPassword ? "log in as admin, supervisor, qa or trainer with password " + PASSWORD
                    : "log in as supervisor, qa or trainer with password " + PASSWORD + ", or as admin with your admin-password";
        }
    }

    private final Stores stores;
    private final Path demoDir;
    private final ZoneId zone;
    private final Synthesizer voice;
    private final Dialogues.Script dialogues;
    private final long seed;
    private final Clock clock;

    DemoCallCenter(Stores stores, Path dataDir, ZoneId zone, Synthesizer voice, Dialogues.Script dialogues, long seed, Clock clock) {
        this.stores = stores;
        this.demoDir = dataDir.resolve("demo");
        this.zone = zone;
        this.voice = voice;
        this.dialogues = dialogues;
        this.seed = seed;
        this.clock = clock;
    }

    /**
     * Loads the demo into the store {@code config} names, unless it is there already; prints what it
     * holds to {@code console}. Call it before the node is wired: the store is opened and closed here.
     * A store that holds other calls is left alone.
     *
     * @param clock "now": the demo's calls end before it
     */
    public static Loaded load(EarshotConfig config, Clock clock, PrintStream console) throws IOException {
        try (Stores stores = Earshot.openStores(config)) {
            Loaded loaded = new DemoCallCenter(stores, config.dataDir(), config.kpis().zone(), new EspeakNg("espeak-ng"),
                    Dialogues.load(), SEED, clock)
                    .load(config.adminPassword());
            console.print(DemoReport.describe(loaded, config.kpis().zone()));
            return loaded;
        }
    }

    /**
     * The live wall of the demo when no ami-host is configured: its agents and queues simulated, each
     * agent's counts of today read from the stored calls. For {@link Earshot#wire(EarshotConfig, Clock,
     * Earshot.Role, Earshot.LiveSource)}; started and stopped with the node.
     */
    public static Earshot.LiveSource liveFloor(EarshotConfig config, Clock clock) {
        ZoneId zone = config.kpis().zone();
        return kpis -> new DemoLiveFloor(SEED, clock, zone, DemoLiveFloor.storedDays(kpis, zone), Ticker.daemon());
    }

    /** @param adminPassword the configured admin password, or null for {@link #PASSWORD} */
    Loaded load(String adminPassword) throws IOException {
        DemoState state = DemoState.read(demoDir);
        Optional<String> noVoice = voice.unavailable();
        boolean recordingsNowPossible = noVoice.isEmpty() && state != null && state.complete()
                && state.summary().recordingsSkipped() != null;
        if (state != null && state.complete() && !recordingsNowPossible) {
            return state.summary();
        }
        CallStore calls = stores.calls();
        long stored = calls.count();
        if (state == null && stored > 0) {
            return refused("the store holds " + stored + " call(s) that are not the demo's: use an empty --data-dir"
                    + " (the default for --demo is ./" + DEFAULT_DATA_DIR + ")");
        }
        // Into an empty store the demo's calls keep current KPI rollups: the node need not recount them.
        stores.kpiRollups().markCurrentIfEmpty();
        // Repeatable: a start cut off part-way, or one now able to add the recordings, runs again with
        // the same anchor and so stores the same calls over themselves.
        Instant anchor = state != null ? state.anchor() : clock.instant();
        new DemoState(anchor, state == null ? null : state.adminUsesDemoPassword(), null).write(demoDir);
        long started = System.nanoTime();
        List<DemoCall> history = CallSimulator.simulate(seed, zone, anchor, DAYS);
        Instant from = anchor.atZone(zone).toLocalDate().minusDays(DAYS - 1L).atStartOfDay(zone).toInstant();
        boolean adminUsesDemoPassword = createUsers(adminPassword, state);
        new DemoState(anchor, adminUsesDemoPassword, null).write(demoDir);
        List<String> recorded = new ArrayList<>();
        if (noVoice.isEmpty()) {
            history = RecordedCalls.attach(history, dialogues, voice, demoDir.resolve("recordings"), zone, seed, recorded);
        } else {
            log.warn("Demo recordings skipped: {}", noVoice.get());
        }
        store(history, calls);
        storeAgentShifts(history, from, anchor);
        Loaded loaded = summary(history, from, anchor, recorded, noVoice.orElse(null), adminUsesDemoPassword);
        new DemoState(anchor, adminUsesDemoPassword, loaded).write(demoDir);
        log.info("Demo call center loaded: {} calls, {} recordings, in {} ms", loaded.calls(), recorded.size(),
                (System.nanoTime() - started) / 1_000_000);
        return loaded;
    }

    /**
     * Creates the demo users that do not exist yet.
     *
     * @return whether admin has the demo password: as created now, or as an earlier run of this demo noted
     */
    private boolean createUsers(String adminPassword, DemoState earlier) {
        Authenticator auth = new Authenticator(stores.users(), stores.audit(), clock);
        boolean adminUsesDemoPassword = earlier != null && Boolean.TRUE.equals(earlier.adminUsesDemoPassword());
        for (String name : USERS) {
            if (auth.user(name).isEmpty()) {
                boolean ownAdminPassword = name.equals("admin") && adminPassword != null && !adminPassword.isBlank();
                auth.createUser(AUDIT_ACTOR, name, ownAdminPassword ? adminPassword : PASSWORD, Role.fromKey(name));
                if (name.equals("admin")) {
                    adminUsesDemoPassword = !ownAdminPassword;
                }
            }
        }
        return adminUsesDemoPassword;
    }

    /**
     * The recorded calls go through {@link CallIntake}, which stores them and queues their recordings
     * exactly as for a call from AMI; the history's other calls have no recording, so for them intake
     * would only store them: they are stored directly, without a log line each.
     */
    private void store(List<DemoCall> history, CallStore calls) {
        JobQueue jobs = stores.jobs(clock, "demo-loader", Duration.ofMinutes(2));
        CallIntake intake = new CallIntake(calls, jobs, () -> { }, (call, isNew) -> { });
        SurveyStore surveys = stores.surveys();
        for (DemoCall call : history) {
            if (call.record().recordingFile() != null) {
                intake.accept(call.record());
            } else {
                calls.save(call.record());
            }
            DemoCall.Survey s = call.survey();
            if (s != null) {
                surveys.save(call.record().linkedId(), s.csat(), s.nps(), s.ces(), s.answeredAt());
            }
        }
    }

    private void storeAgentShifts(List<DemoCall> history, Instant from, Instant anchor) {
        AgentIntervalStore intervals = stores.agentIntervals();
        if (!intervals.overlapping(from, anchor).isEmpty()) {
            return; // written by an earlier run with this anchor: the store has no way to replace them
        }
        List<CallRecord> records = history.stream().map(DemoCall::record).toList();
        for (AgentShifts.Change c : AgentShifts.changes(records, zone, from.atZone(zone).toLocalDate(), anchor)) {
            intervals.record(c.agent(), c.activity(), c.at());
        }
    }

    private static Loaded summary(List<DemoCall> history, Instant from, Instant to, List<String> recorded, String skipped,
                                  boolean adminUsesDemoPassword) {
        List<CallRecord> calls = history.stream().map(DemoCall::record).toList();
        Map<String, Long> byCaller = calls.stream().filter(c -> !"anonymous".equals(c.caller()))
                .collect(Collectors.groupingBy(CallRecord::caller, Collectors.counting()));
        return new Loaded(Status.GENERATED, "", from, to, calls.size(), count(calls, CallOutcome.ANSWERED),
                count(calls, CallOutcome.ABANDONED), (int) history.stream().filter(c -> c.survey() != null).count(),
                (int) byCaller.values().stream().filter(n -> n > 1).count(),
                DemoFloor.QUEUES.stream().map(DemoFloor.Queue::name).toList(),
                DemoFloor.AGENTS.stream().map(DemoFloor.Agent::name).toList(), recorded, skipped, adminUsesDemoPassword);
    }

    private static int count(List<CallRecord> calls, CallOutcome outcome) {
        return (int) calls.stream().filter(c -> c.outcome() == outcome).count();
    }

    private static Loaded refused(String why) {
        return new Loaded(Status.REFUSED, why, null, null, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), null, false);
    }
}
