package org.earshot.telephony.ami;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueRemoveAction;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.earshot.telephony.AgentActivity;
import org.earshot.telephony.AgentBoard;
import org.earshot.telephony.AgentState;
import org.earshot.telephony.SupervisorActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SupervisorActions} over the bridge's AMI connection. A spy is one async {@code Originate} (Channel = the
 * supervisor's phone, Application {@code ChanSpy}, Data = the agent's bridged channel and the mode's options), then:
 * <ol>
 *   <li>{@code Response: Error} → failed (refused, or the phone's channel driver is missing);</li>
 *   <li>{@code OriginateResponse} with our ActionID: {@code Failure} → the phone could not be reached; {@code Success}
 *       → answered, its {@code Uniqueid} is the spyer's;</li>
 *   <li>{@code ChanSpyStart} whose {@code SpyerUniqueid} is that and whose {@code SpyeeUniqueid} is the agent's leg
 *       → started. No field says the mode, and the spy call has its own linkedid: we remember both.</li>
 * </ol>
 * A target that does not exist gives Asterisk no error at all, only no ChanSpyStart: after
 * {@link SupervisorActions#SPY_START_TIMEOUT} (by the injected clock, checked every 200 ms) the outcome says so and
 * the supervisor's leg is hung up. Events are taken on Asterisk-Java's reader thread: map look-ups and completing
 * futures only (whoever waits on them runs elsewhere).
 */
public final class AmiSupervisor implements SupervisorActions, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AmiSupervisor.class);
    private static final long SWEEP_MILLIS = 200;
    /** An OriginateResponse always follows the ring timeout; past this margin the link must have lost it. */
    private static final Duration LOST_ANSWER_MARGIN = Duration.ofSeconds(30);

    private final Supplier<ManagerConnection> connection;
    private final AgentBoard board;
    private final Clock clock;
    private final Duration ringTimeout;
    private final Duration spyStartTimeout;
    private final SpyTargets targets = new SpyTargets();
    /** Spies whose phone has not answered yet, by our ActionID. */
    private final Map<String, Pending> ringing = new ConcurrentHashMap<>();
    /** Spies whose phone answered and that wait for ChanSpyStart, by the spyer's uniqueid. */
    private final Map<String, Pending> answered = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService sweeper;

    /** With the default ring and spy-start timeouts. */
    public AmiSupervisor(Supplier<ManagerConnection> connection, AgentBoard board, Clock clock) {
        this(connection, board, clock, RING_TIMEOUT, SPY_START_TIMEOUT);
    }

    /**
     * @param connection the logged-in connection, or null while there is none
     * @param board      agents' interfaces and activities, by MemberName
     * @param clock      when a spy's wait for ChanSpyStart is over
     */
    public AmiSupervisor(Supplier<ManagerConnection> connection, AgentBoard board, Clock clock, Duration ringTimeout,
                         Duration spyStartTimeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.board = Objects.requireNonNull(board, "board");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ringTimeout = Objects.requireNonNull(ringTimeout, "ringTimeout");
        this.spyStartTimeout = Objects.requireNonNull(spyStartTimeout, "spyStartTimeout");
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "earshot-ami-spy-timeouts");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A listener that lets this see each event first, then hands it to {@code next}; never throws. */
    public ManagerEventListener before(ManagerEventListener next) {
        Objects.requireNonNull(next, "next");
        return event -> {
            try {
                onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("Supervisor actions failed on {}; continuing", event.getClass().getSimpleName(), e);
            }
            next.onManagerEvent(event);
        };
    }

    @Override
    public Spy spy(String agent, SpyMode mode, Phone phone) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(phone, "phone");
        Spy spy = new Spy(new CompletableFuture<>(), new CompletableFuture<>());
        Object target = target(agent);
        if (target instanceof SpyOutcome.Failed failed) {
            spy.outcome().complete(failed);
            return spy;
        }
        SpyTargets.Leg leg = (SpyTargets.Leg) target;
        String id = "earshot-spy-" + ids.incrementAndGet();
        Pending pending = new Pending(agent, mode, phone, leg, spy, clock.instant());
        OriginateAction originate = new OriginateAction();
        originate.setChannel(phone.channel());
        originate.setApplication("ChanSpy");
        originate.setData(leg.channel() + "," + mode.options());
        originate.setCallerId(phone.callerId());
        originate.setAsync(true);
        originate.setTimeout(Long.valueOf(ringTimeout.toMillis()));
        // For the supervisor's dialplan, e.g. a different greeting per mode.
        originate.setVariable("SPY_MODE", mode.key());
        originate.setActionId(id);
        ringing.put(id, pending);
        LOG.info("Supervisor {} of {} on {} from {} ({})", mode.key(), agent, leg.channel(), phone.channel(), id);
        send(originate, response -> {
            // "Originate successfully queued" needs nothing: OriginateResponse follows.
            if (response instanceof ManagerError && ringing.remove(id, pending)) {
                String message = response.getMessage();
                pending.fail("Originate failed".equalsIgnoreCase(message == null ? "" : message.trim())
                        ? new SpyOutcome.Failed(Failure.PHONE_FAILED, AmiWords.phoneFailed(phone.channel(), 0, seconds(ringTimeout)))
                        : new SpyOutcome.Failed(Failure.REFUSED, AmiWords.refused("Originate", message, agent, leg.channel(), null)));
            }
        }, problem -> {
            if (ringing.remove(id, pending)) {
                pending.fail(new SpyOutcome.Failed(Failure.NOT_CONNECTED, problem));
            }
        });
        return spy;
    }

    @Override
    public CompletableFuture<QueueOutcome> pause(String agent, String queue, String reason) {
        return queueAction("QueuePause", agent, queue, iface -> {
            QueuePauseAction action = new QueuePauseAction(iface, queue, Boolean.TRUE);
            action.setReason(reason);
            return action;
        });
    }

    @Override
    public CompletableFuture<QueueOutcome> unpause(String agent, String queue) {
        return queueAction("QueuePause", agent, queue, iface -> new QueuePauseAction(iface, queue, Boolean.FALSE));
    }

    @Override
    public CompletableFuture<QueueOutcome> remove(String agent, String queue) {
        Objects.requireNonNull(queue, "queue");
        return queueAction("QueueRemove", agent, queue, iface -> new QueueRemoveAction(queue, iface));
    }

    /** Stops the timeout checks; spies still waiting are told the bridge stopped. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        failAll("Earshot stopped following Asterisk before the answer came");
    }

    void onEvent(ManagerEvent event) {
        targets.onEvent(event);
        if (event instanceof OriginateResponseEvent e) {
            originated(e);
        } else if (event instanceof ChanSpyStartEvent e) {
            spyStarted(e);
        } else if (event instanceof DisconnectEvent) {
            failAll("The connection to Asterisk dropped before the answer came");
        }
    }

    private void originated(OriginateResponseEvent e) {
        Pending pending = e.getActionId() == null ? null : ringing.remove(ours(e.getActionId()));
        if (pending == null) {
            return; // someone else's Originate
        }
        if (e.isSuccess() && e.getUniqueId() != null) {
            pending.answeredAt = clock.instant();
            pending.spyerChannel = e.getChannel();
            answered.put(e.getUniqueId(), pending);
            pending.spy.answered().complete(e.getChannel());
        } else {
            LOG.info("Supervisor {} of {}: phone {} not reached (reason {})", pending.mode.key(), pending.agent,
                    pending.phone.channel(), e.getReason());
            pending.fail(new SpyOutcome.Failed(Failure.PHONE_FAILED,
                    AmiWords.phoneFailed(pending.phone.channel(), e.getReason(), seconds(ringTimeout))));
        }
    }

    private void spyStarted(ChanSpyStartEvent e) {
        Pending pending = e.getSpyerUniqueId() == null ? null : answered.get(e.getSpyerUniqueId());
        if (pending == null) {
            return;
        }
        SpyTargets.Leg leg = pending.leg;
        boolean onAgent = leg.uniqueId() != null ? leg.uniqueId().equals(e.getSpyeeUniqueId())
                : e.getSpyeeChannel() != null && e.getSpyeeChannel().startsWith(leg.channel());
        if (!onAgent || !answered.remove(e.getSpyerUniqueId(), pending)) {
            return;
        }
        LOG.info("Supervisor {} of {} started: {} spies on {}", pending.mode.key(), pending.agent, e.getSpyerChannel(),
                e.getSpyeeChannel());
        pending.spy.outcome().complete(new SpyOutcome.Started(pending.agent, pending.mode, e.getSpyerChannel(),
                e.getSpyeeChannel(), e.getSpyeeUniqueId()));
    }

    /** Ends the waits that are over: answered spies without ChanSpyStart, and Originates never answered at all. */
    void sweep() {
        try {
            Instant now = clock.instant();
            answered.forEach((spyer, pending) -> {
                if (!now.isBefore(pending.answeredAt.plus(spyStartTimeout)) && answered.remove(spyer, pending)) {
                    LOG.info("Supervisor {} of {}: no ChanSpyStart within {} s; hanging up {}", pending.mode.key(),
                            pending.agent, seconds(spyStartTimeout), pending.spyerChannel);
                    pending.spy.outcome().complete(new SpyOutcome.NotStarted(spyStartTimeout, "Your phone answered, but "
                            + pending.agent + "'s call was not there to " + pending.mode.key() + " to within "
                            + seconds(spyStartTimeout) + " s (it may just have ended); Earshot hung up your phone"));
                    hangUp(pending.spyerChannel);
                }
            });
            Duration lost = ringTimeout.plus(spyStartTimeout).plus(LOST_ANSWER_MARGIN);
            ringing.forEach((id, pending) -> {
                if (!now.isBefore(pending.sentAt.plus(lost)) && ringing.remove(id, pending)) {
                    pending.fail(new SpyOutcome.Failed(Failure.NO_ANSWER,
                            "Asterisk never said whether your phone " + pending.phone.channel() + " answered"));
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Checking supervisor spies for timeouts failed; trying again", e);
        }
    }

    /**
     * The agent's channel for ChanSpy, or why there is none. ChanSpy matches a channel-name prefix: a device
     * interface ({@code PJSIP/1001}) plus {@code -} matches its calls when AgentConnect was missed (a call that was
     * up before the last login); a Local interface names no channel, so then there is nothing to spy on.
     */
    private Object target(String agent) {
        SpyTargets.Leg leg = targets.of(agent);
        if (leg != null) {
            return leg;
        }
        Optional<AgentState> state = board.agent(agent);
        if (state.isEmpty()) {
            return new SpyOutcome.Failed(Failure.UNKNOWN_AGENT, "There is no agent named " + agent + " on the wall");
        }
        AgentActivity activity = state.get().activity();
        if (activity != AgentActivity.ON_CALL && activity != AgentActivity.ON_HOLD) {
            return new SpyOutcome.Failed(Failure.NO_CALL, agent + " is not on a call (" + activity.key() + ")");
        }
        String iface = state.get().agentInterface();
        if (iface != null && !iface.toLowerCase(Locale.ROOT).startsWith("local/")) {
            return new SpyTargets.Leg(iface + "-", null);
        }
        return new SpyOutcome.Failed(Failure.NO_CALL, "Earshot does not know which channel " + agent
                + "'s call is on (it began before Earshot last connected to Asterisk); try again on their next call");
    }

    private CompletableFuture<QueueOutcome> queueAction(String name, String agent, String queue,
                                                        Function<String, ManagerAction> build) {
        Objects.requireNonNull(agent, "agent");
        CompletableFuture<QueueOutcome> outcome = new CompletableFuture<>();
        Optional<AgentState> state = board.agent(agent);
        if (state.isEmpty() || state.get().agentInterface() == null) {
            outcome.complete(new QueueOutcome(Failure.UNKNOWN_AGENT, state.isEmpty()
                    ? "There is no agent named " + agent + " on the wall"
                    : "Earshot does not know " + agent + "'s queue interface yet"));
            return outcome;
        }
        String iface = state.get().agentInterface();
        ManagerAction action = build.apply(iface);
        action.setActionId("earshot-" + name.toLowerCase(Locale.ROOT) + "-" + ids.incrementAndGet());
        LOG.info("Supervisor {} of {} ({}) in {}", name, agent, iface, queue == null ? "every queue" : queue);
        send(action, response -> outcome.complete(response instanceof ManagerError
                        ? new QueueOutcome(AmiWords.membership(response.getMessage()) ? Failure.NOT_MEMBER : Failure.REFUSED,
                                AmiWords.refused(name, response.getMessage(), agent, iface, queue))
                        : new QueueOutcome(null, response.getMessage() == null ? name + " done" : response.getMessage())),
                problem -> outcome.complete(new QueueOutcome(Failure.NOT_CONNECTED, problem)));
        return outcome.completeOnTimeout(new QueueOutcome(Failure.NO_ANSWER, "Asterisk did not answer " + name
                + " within " + seconds(RESPONSE_TIMEOUT) + " s"), RESPONSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void hangUp(String channel) {
        if (channel == null) {
            return;
        }
        HangupAction hangup = new HangupAction(channel);
        hangup.setActionId("earshot-hangup-" + ids.incrementAndGet());
        send(hangup, response -> {
            if (response instanceof ManagerError) {
                LOG.warn("Hanging up the supervisor's leg {} failed: {}", channel, response.getMessage());
            }
        }, problem -> LOG.warn("Hanging up the supervisor's leg {} failed: {}", channel, problem));
    }

    /** Sends without waiting; {@code onResponse} runs on the reader thread, {@code onProblem} here. */
    private void send(ManagerAction action, org.asteriskjava.manager.SendActionCallback onResponse,
                      java.util.function.Consumer<String> onProblem) {
        ManagerConnection c = connection.get();
        if (c == null) {
            onProblem.accept("Earshot is not connected to Asterisk right now");
            return;
        }
        try {
            c.sendAction(action, onResponse);
        } catch (IOException | IllegalStateException e) {
            LOG.warn("Sending {} to Asterisk failed: {}", action.getAction(), e.toString());
            onProblem.accept("Earshot could not send " + action.getAction() + " to Asterisk (" + e.getMessage() + ")");
        }
    }

    private void failAll(String words) {
        ringing.forEach((id, pending) -> {
            if (ringing.remove(id, pending)) {
                pending.fail(new SpyOutcome.Failed(Failure.NOT_CONNECTED, words));
            }
        });
        answered.forEach((id, pending) -> {
            if (answered.remove(id, pending)) {
                pending.fail(new SpyOutcome.Failed(Failure.NOT_CONNECTED, words));
            }
        });
    }

    /**
     * Our ActionID of a response event. Asterisk-Java sends {@code <its prefix>#<ours>} and usually hands back ours
     * alone; both forms are accepted.
     */
    private static String ours(String actionId) {
        return actionId.substring(actionId.lastIndexOf('#') + 1);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** One spy from Originate to its outcome. */
    private static final class Pending {
        final String agent;
        final SpyMode mode;
        final Phone phone;
        final SpyTargets.Leg leg;
        final Spy spy;
        final Instant sentAt;
        volatile Instant answeredAt;
        volatile String spyerChannel;

        Pending(String agent, SpyMode mode, Phone phone, SpyTargets.Leg leg, Spy spy, Instant sentAt) {
            this.agent = agent;
            this.mode = mode;
            this.phone = phone;
            this.leg = leg;
            this.spy = spy;
            this.sentAt = sentAt;
        }

        void fail(SpyOutcome.Failed failed) {
            spy.outcome().complete(failed);
        }
    }
}
