package org.earshot.telephony;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.earshot.telephony.ami.AmiConnector;
import org.earshot.telephony.ami.AmiSupervisor;
import org.earshot.telephony.ami.CallPipeline;

/**
 * Follows calls and agents on an Asterisk over AMI: hands each finished call to a sink and keeps the
 * live {@link AgentBoard} and {@link QueueBoard}.
 *
 * <p>Asterisk's events flow top-down: socket and login ({@code AmiConnector}, its own thread, retries
 * with capped, jittered backoff, asks for QueueStatus and CoreShowChannels after every login and asks again
 * when Asterisk refuses) → Asterisk-Java's reader
 * thread translates each event into a small immutable record and queues it → one telephony-owned thread,
 * {@code earshot-ami-calls}, folds them into calls (then the sink), agent states and waiting callers (then
 * the boards' listeners). The sink may therefore block (write to a database) without stalling AMI.
 *
 * <pre>{@code
 * try (var bridge = new AmiBridge(settings, WrapUpRule.DEFAULT, Clock.systemUTC(), zone, store::save)) {
 *     LocalDate today = LocalDate.now(Clock.systemUTC().withZone(zone));
 *     bridge.seedCallsHandled(today, store.callsHandledPerAgent(today));   // the balanced rule survives a restart
 *     bridge.agentBoard().subscribe(live::push);
 *     bridge.queueBoard().subscribe(live::pushQueues);
 *     bridge.start();   // returns at once; connection problems are logged and retried
 *     ...
 * }
 * }</pre>
 */
public final class AmiBridge implements AutoCloseable {

    private final CallPipeline calls;
    private final AmiConnector connector;
    private final AmiSupervisor supervisor;

    /** A bridge with the default wrap-up rule, counting agents' days in the clock's zone. */
    public AmiBridge(AmiSettings settings, Clock clock, Consumer<CallRecord> sink) {
        this(settings, WrapUpRule.DEFAULT, clock, Objects.requireNonNull(clock, "clock").getZone(), sink);
    }

    /**
     * @param settings where Asterisk is and how to log in
     * @param wrapUp   how after-call work is measured
     * @param clock    receipt time for events without a {@code Timestamp} header
     * @param zone     where "today" of the agents' day counts starts
     * @param sink     receives each finished call, always on the {@code earshot-ami-calls} thread
     */
    public AmiBridge(AmiSettings settings, WrapUpRule wrapUp, Clock clock, ZoneId zone, Consumer<CallRecord> sink) {
        Objects.requireNonNull(settings, "settings");
        this.calls = new CallPipeline(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(zone, "zone"),
                Objects.requireNonNull(wrapUp, "wrapUp"), Objects.requireNonNull(sink, "sink"), settings.queueLog());
        // The supervisor's actions see each event before the call thread does: when the board shows an agent on a
        // call, the channel to spy on is already known.
        this.supervisor = new AmiSupervisor(this::loggedIn, calls.board(), clock);
        this.connector = new AmiConnector(settings, supervisor.before(calls.listener()), calls::channelsUnconfirmed);
    }

    /** Starts the call thread and connecting in the background; never blocks, never throws for AMI trouble. */
    public synchronized void start() {
        calls.start();
        connector.start();
    }

    /** True while logged in to Asterisk. */
    public boolean isConnected() {
        return connector.isConnected();
    }

    /**
     * Tells {@code listener} when MixMonitor starts a recording and when a channel hangs up, for live
     * analysis of calls in progress; call it before {@link #start()}.
     */
    public void onRecording(RecordingListener listener) {
        calls.onRecording(listener);
    }

    /** Live agent activity; filled once the bridge is started and logged in. */
    public AgentBoard agentBoard() {
        return calls.board();
    }

    /** Callers waiting per queue; filled once the bridge is started and logged in. */
    public QueueBoard queueBoard() {
        return calls.queues();
    }

    /**
     * Carries today's handled calls over a restart: the {@code balanced} assignment rule picks the agent with the
     * fewest calls handled today ({@link AgentState#today()}), which otherwise starts again from zero. Call it at
     * start-up, before or after {@link #start()}, with the calls each agent answered earlier that day (a
     * transferred call counts for each agent who talked on it, as the board counts them). Each agent's count
     * becomes the larger of this and what the bridge saw itself, also for agents that log in later; the
     * call thread takes the counts in once the bridge runs. Counts start again from zero at midnight in the zone.
     *
     * @param day          the day the counts are for, in the {@code zone} given to the constructor; counts of a
     *                     day that is over when they are taken in are dropped
     * @param callsByAgent calls handled that day by MemberName, each 0 or more
     * @throws IllegalArgumentException naming the agent when a count is negative
     */
    public void seedCallsHandled(LocalDate day, Map<String, Integer> callsByAgent) {
        calls.seedCallsHandled(day, callsByAgent);
    }

    /** Listen, whisper, barge, pause, unpause and remove from the wall, over this bridge's AMI connection. */
    public SupervisorActions supervisorActions() {
        return supervisor;
    }

    private org.asteriskjava.manager.ManagerConnection loggedIn() {
        return connector.connection();
    }

    /** Logs off, stops retrying, hands the calls already received to the sink, then stops the call thread. */
    @Override
    public synchronized void close() {
        connector.close();
        supervisor.close();
        calls.close();
    }
}
