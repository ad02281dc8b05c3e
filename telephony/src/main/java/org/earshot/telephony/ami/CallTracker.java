package org.earshot.telephony.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds {@link AmiEvent}s into finished calls: a call opens on {@code QueueCallerJoin} and is emitted as a
 * {@link CallRecord} when that caller channel hangs up (or, with pause-based wrap-up, when that is known).
 * Inbound calls that {@code Dial()} an agent without a queue are followed by {@link DirectCalls} (and count for
 * the queue the {@code route} script chose the agent for, {@code EARSHOT_QUEUE}); calls that ended while the
 * AMI link was down can be completed from queue_log ({@link #fillGap}).
 *
 * <p>Pure logic: no sockets, no threads, no clock. Not thread-safe; one thread feeds it.
 *
 * <pre>{@code
 * var tracker = new CallTracker(WrapUpRule.DEFAULT);
 * tracker.handle(event).forEach(sink);
 * }</pre>
 */
final class CallTracker {

    /** Channel variables whose {@code VarSet} events the tracker reads; all others are dropped early. */
    static final String RECORDING_VARIABLE = "MIXMONITOR_FILENAME";
    static final String QUEUE_STATUS_VARIABLE = "QUEUESTATUS";
    /** Set by the FastAGI {@code route} script (RouteScript.QUEUE_VARIABLE): the queue a direct call was routed for. */
    static final String ROUTED_QUEUE_VARIABLE = "EARSHOT_QUEUE";
    static final Set<String> VARIABLES = Set.of(RECORDING_VARIABLE, QUEUE_STATUS_VARIABLE, ROUTED_QUEUE_VARIABLE);

    /**
     * Bound on remembered channels. Calls whose Hangup was lost (e.g. during an AMI reconnect) would
     * otherwise stay forever; a call center has far fewer simultaneous channels than this.
     */
    static final int MAX_TRACKED = 10_000;
    /** How long after a reconnect without any call event the queue_log gap is closed by its duration. */
    static final Duration QUIET_AFTER_RECONNECT = Duration.ofSeconds(30);
    /** queue_log stamps whole seconds. */
    private static final Duration QUEUE_LOG_SLACK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(CallTracker.class);

    private final Map<String, OpenCall> calls = boundedMap("open call");
    private final Map<String, OpenCall> byLinkedId = boundedMap("linked call");
    /**
     * MixMonitor names seen on channels that are not (yet) queue callers. The dialplan starts MixMonitor
     * before {@code Queue()}, so the file name arrives before {@code QueueCallerJoin}.
     */
    private final Map<String, List<String>> recordingsBeforeJoin = boundedMap("pre-queue recording");
    /** The route script's queue by caller channel: its AGI runs, and sets the variable, before {@code Dial()}. */
    private final Map<String, String> routedQueuesBeforeDial = boundedMap("routed queue");
    private final DirectCalls direct = new DirectCalls();
    /** Calls handed on recently, so that a queue_log gap fill does not report one twice. */
    private final Set<String> finished = Bounded.recent(MAX_TRACKED);
    private final WrapUpWatch wrapUp;
    /** Channels of the CoreShowChannels listing in progress; null when none is. */
    private Set<String> listing;
    /** Calls queue_log says ended since a drop that AMI never saw, until the gap's end is known; see {@link #fillGap}. */
    private final List<CallRecord> unseenInGap = new ArrayList<>();
    private Instant unseenSince;
    private Instant unseenEndByDuration;
    /** Whether the last event handled was one already applied, sent again (see {@link #repeated()}). */
    private boolean repeated;

    CallTracker() {
        this(WrapUpRule.DEFAULT);
    }

    CallTracker(WrapUpRule rule) {
        this.wrapUp = new WrapUpWatch(rule);
    }

    /** Applies one event; returns the calls this event finished (usually none). */
    List<CallRecord> handle(AmiEvent event) {
        repeated = false;
        List<CallRecord> out = new ArrayList<>(wrapUp.tick(event.at()));
        if (event instanceof CallEvent && !unseenInGap.isEmpty()) {
            out.addAll(gapClosed(event.at()));
        }
        if (event instanceof CallEvent call) {
            out.addAll(call(call));
        } else if (event instanceof MemberEvent member) {
            direct.member(member);
            if (member instanceof MemberEvent.MemberSeen seen) {
                out.addAll(wrapUp.member(seen));
            }
        } else if (event instanceof LinkEvent link) {
            out.addAll(link(link));
        }
        return out;
    }

    /**
     * True when the event last {@link #handle handled} was about a call already handed on, or was one its open
     * call had applied already (sent again after a reconnect): it changed nothing here and must change nothing
     * on the boards either.
     */
    boolean repeated() {
        return repeated;
    }

    /** Time passes without events: settles wrap-ups that are due, and a queue_log gap no event has closed. */
    List<CallRecord> tick(Instant now) {
        if (!unseenInGap.isEmpty() && now.isAfter(unseenSince.plus(QUIET_AFTER_RECONNECT))) {
            List<CallRecord> out = new ArrayList<>(gapClosed(unseenEndByDuration));
            out.addAll(wrapUp.tick(now));
            return out;
        }
        return wrapUp.tick(now);
    }

    /** Calls still waiting for their wrap-up, handed on as they are (shutting down). */
    List<CallRecord> flush() {
        return wrapUp.flush();
    }

    /** Number of calls joined (or dialled directly) but not yet hung up. */
    int openCalls() {
        return calls.size() + direct.size();
    }

    /**
     * Agent events that Asterisk sends no Agent* event for, derived from calls that reach a member without
     * a queue (see {@link DirectCalls}); for the agent board, each handed out once, oldest first.
     */
    List<CallEvent> agentEvents() {
        return direct.agentEvents();
    }

    /** Whether the call with this linkedid is on hold now. */
    boolean onHold(String linkedId) {
        OpenCall call = linkedId == null ? null : byLinkedId.get(linkedId);
        DirectCall directCall = call == null ? direct.byLinkedId(linkedId) : null;
        return call != null ? call.hold.onHold() : directCall != null && directCall.hold.onHold();
    }

    private List<CallRecord> call(CallEvent event) {
        if (event instanceof CallEvent.KeyPressed || event instanceof CallEvent.MuteChanged) {
            recordedChannelEvent(event);
            return List.of();
        }
        if (isRepeat(event)) {
            repeated = true;
            return List.of();
        }
        SpanWatch touched = spansOf(event);
        if (touched != null) {
            touched.other(event.at()); // a digit still down lost its end before this
        }
        if (event instanceof CallEvent.CallerJoined joined) {
            join(joined);
        } else if (event instanceof CallEvent.VariableSet variable) {
            variable(variable);
        } else if (event instanceof CallEvent.ChannelHungUp hangup) {
            return hangup(hangup);
        } else if (event instanceof CallEvent.HoldChanged hold) {
            hold(hold);
        } else if (event instanceof CallEvent.DialBegan dial) {
            direct.dialBegan(dial, calls.containsKey(dial.uniqueId())
                    || dial.linkedId() != null && byLinkedId.containsKey(dial.linkedId()));
            DirectCall opened = direct.call(dial.uniqueId());
            List<String> early = opened == null ? null : recordingsBeforeJoin.remove(dial.uniqueId());
            if (early != null) {
                opened.recordings.addAll(early); // MixMonitor started before Dial()
            }
            String routedFor = opened == null ? null : routedQueuesBeforeDial.remove(dial.uniqueId());
            if (routedFor != null) {
                opened.routedQueue = routedFor;
            }
        } else if (event instanceof CallEvent.DialEnded dial) {
            direct.dialEnded(dial);
        } else if (event instanceof CallEvent.AgentRinging ringing) {
            if (!calls.containsKey(ringing.uniqueId())) {
                midway(ringing);
            }
            return wrapUp.busyAgain(ringing.agent(), ringing.at());
        } else {
            return queueCall(event);
        }
        return List.of();
    }

    /**
     * A key or a mute on the caller channel of an open call. The same digits on the call's other legs (a Local
     * channel pair shows each three times), mutes of channels whose MixMonitors are not our recording, and
     * channels we do not follow are dropped.
     */
    private void recordedChannelEvent(CallEvent event) {
        SpanWatch recorded = recordedChannel(event.uniqueId());
        if (recorded == null) {
            return;
        }
        if (isRepeat(event)) {
            repeated = true;
        } else if (event instanceof CallEvent.KeyPressed key) {
            recorded.key(key);
        } else if (event instanceof CallEvent.MuteChanged mute) {
            recorded.mute(mute);
        }
    }

    /** The spans of the open call whose caller channel (the one MixMonitor records) this is, or null. */
    private SpanWatch recordedChannel(String uniqueId) {
        OpenCall call = calls.get(uniqueId);
        DirectCall directCall = call == null ? direct.call(uniqueId) : null;
        return call != null ? call.spans : directCall != null ? directCall.spans : null;
    }

    /** The spans of the open call this event belongs to, by its channel or its linkedid, or null. */
    private SpanWatch spansOf(CallEvent event) {
        SpanWatch byChannel = recordedChannel(event.uniqueId());
        if (byChannel != null) {
            return byChannel;
        }
        String linkedId = linkedId(event);
        OpenCall call = linkedId == null ? null : byLinkedId.get(linkedId);
        DirectCall directCall = call == null ? direct.byLinkedId(linkedId) : null;
        return call != null ? call.spans : directCall != null ? directCall.spans : null;
    }

    private List<CallRecord> queueCall(CallEvent event) {
        OpenCall call = calls.get(event.uniqueId());
        if (call == null) {
            call = midway(event);
        }
        if (call == null) {
            return List.of(); // not a queue caller we follow: agent legs, AGI-only calls, ...
        }
        if (event instanceof CallEvent.AgentConnected connected) {
            call.inQueue(connected.queue());
            call.answered(connected);
            return wrapUp.busyAgain(connected.agent(), connected.at());
        } else if (event instanceof CallEvent.AgentCompleted completed) {
            call.inQueue(completed.queue());
            call.completed(completed);
        } else if (event instanceof CallEvent.CallerAbandoned abandoned) {
            call.abandoned(abandoned);
        } else if (event instanceof CallEvent.CallerLeft left) {
            call.inQueue(left.queue());
            call.left(left);
        } else if (event instanceof CallEvent.RingNoAnswer ring) {
            call.ringNoAnswer(ring);
        } else if (event instanceof CallEvent.Transferred transfer) {
            call.transferred(transfer, call.currentAgent());
        }
        return List.of();
    }

    private void join(CallEvent.CallerJoined joined) {
        OpenCall known = calls.get(joined.uniqueId());
        if (known != null) {
            known.rejoined(joined);
            LOG.debug("Call {} joined queue {} again; keeping its first entry", joined.uniqueId(), joined.queue());
            return;
        }
        OpenCall call = new OpenCall(joined);
        routedQueuesBeforeDial.remove(joined.uniqueId()); // a queue call names its queue itself
        DirectCall dialledFirst = direct.discard(joined.uniqueId(), joined.at());
        if (dialledFirst != null) {
            call.recordings.addAll(dialledFirst.recordings);
        }
        List<String> early = recordingsBeforeJoin.remove(joined.uniqueId());
        if (early != null) {
            call.recordings.addAll(early);
            // Part of the call's history, so that a re-sent stream is recognised from its first event.
            call.applied.before(early.stream().<CallEvent>map(file -> new CallEvent.VariableSet(joined.uniqueId(),
                    joined.at(), RECORDING_VARIABLE, file)).toList());
        }
        calls.put(joined.uniqueId(), call);
        if (joined.linkedId() != null) {
            byLinkedId.put(joined.linkedId(), call);
        }
        // Not the caller's number: an erasure request reaches the store, never the logs.
        LOG.info("Call {} joined queue {}", joined.uniqueId(), joined.queue());
    }

    private void hold(CallEvent.HoldChanged hold) {
        OpenCall call = hold.linkedId() == null ? null : byLinkedId.get(hold.linkedId());
        DirectCall directCall = call == null ? direct.byLinkedId(hold.linkedId()) : null;
        // Music while waiting in the queue is not hold: only after an agent answered.
        HoldTimer timer = call != null && call.answered() ? call.hold
                : directCall != null && directCall.answered() ? directCall.hold : null;
        if (timer == null) {
            return;
        }
        if (hold.onHold()) {
            timer.hold(hold.uniqueId(), hold.at());
        } else {
            timer.release(hold.uniqueId(), hold.at());
        }
    }

    private void variable(CallEvent.VariableSet variable) {
        OpenCall call = calls.get(variable.uniqueId());
        if (RECORDING_VARIABLE.equals(variable.name())) {
            if (variable.value() == null || variable.value().isBlank()) {
                return;
            }
            DirectCall directCall = call == null ? direct.call(variable.uniqueId()) : null;
            List<String> names = call != null ? call.recordings : directCall != null ? directCall.recordings
                    : recordingsBeforeJoin.computeIfAbsent(variable.uniqueId(), id -> new ArrayList<>(2));
            if (!names.contains(variable.value())) {
                names.add(variable.value());
            }
        } else if (QUEUE_STATUS_VARIABLE.equals(variable.name()) && call != null) {
            call.queueStatus(variable.value());
        } else if (ROUTED_QUEUE_VARIABLE.equals(variable.name()) && call == null) {
            routedQueue(variable);
        }
    }

    /** A queue only for calls the route script sent to an agent; an empty value (no queue= in the URL) names none. */
    private void routedQueue(CallEvent.VariableSet variable) {
        String queue = variable.value() == null || variable.value().isBlank() ? null : variable.value().trim();
        DirectCall directCall = direct.call(variable.uniqueId());
        if (directCall != null) {
            directCall.routedQueue = queue; // set once Dial() had begun, by a dialplan of the admin's own
        } else if (queue == null) {
            routedQueuesBeforeDial.remove(variable.uniqueId());
        } else {
            routedQueuesBeforeDial.put(variable.uniqueId(), queue);
        }
    }

    private List<CallRecord> hangup(CallEvent.ChannelHungUp hangup) {
        recordingsBeforeJoin.remove(hangup.uniqueId());
        routedQueuesBeforeDial.remove(hangup.uniqueId());
        DirectCall directCall = direct.hungUp(hangup);
        if (directCall != null) {
            return endDirect(directCall, hangup.at(), false);
        }
        OpenCall byChannel = hangup.linkedId() == null ? null : byLinkedId.get(hangup.linkedId());
        if (byChannel != null) {
            byChannel.hold.release(hangup.uniqueId(), hangup.at()); // a held channel that hangs up holds no more
        }
        OpenCall call = calls.remove(hangup.uniqueId());
        return call == null ? List.of() : end(call, hangup.at(), false);
    }

    private List<CallRecord> end(OpenCall call, Instant at, boolean duringDrop) {
        if (duringDrop && call.filled == null) {
            LOG.warn("Call {} ended while the AMI link was down (its end was not seen): stored as partial",
                    call.joined.uniqueId());
        }
        calls.remove(call.joined.uniqueId());
        if (call.joined.linkedId() != null) {
            byLinkedId.remove(call.joined.linkedId(), call);
        }
        finished.add(call.joined.uniqueId());
        CallRecord.Builder record = call.finish(at, duringDrop);
        if (call.filled != null) {
            CallRecord merged = QueueLogFill.merge(record.build(), call.filled, duringDrop);
            LOG.info("Call {} ended: {}, completed from queue_log", call.joined.uniqueId(), merged.outcome().key());
            boolean answered = merged.answeredAt() != null;
            return wrapUp.finished(merged.toBuilder().handleSeconds(null), QueueLogFill.lastAgent(merged),
                    merged.endedAt(), answered);
        }
        LOG.info("Call {} ended: {}{}", call.joined.uniqueId(), call.answered() ? "answered by " + call.currentAgent()
                : "unanswered", call.gap ? " (AMI link dropped during the call)" : "");
        Instant agentEnd = call.agentPartEnded != null ? call.agentPartEnded : at;
        return wrapUp.finished(record, call.currentAgent(), agentEnd, call.answered());
    }

    private List<CallRecord> endDirect(DirectCall call, Instant at, boolean duringDrop) {
        if (duringDrop) {
            LOG.warn("Direct call {} ended while the AMI link was down (its end was not seen): stored as partial",
                    call.first.uniqueId());
        }
        finished.add(call.first.uniqueId());
        CallRecord.Builder record = call.finish(at, duringDrop);
        LOG.info("Direct call {} ended: {}{}", call.first.uniqueId(), call.answered() ? "answered by " + call.agent()
                : "unanswered", call.gap ? " (AMI link dropped during the call)" : "");
        return wrapUp.finished(record, call.agent(), call.talkEnded(), call.answered());
    }

    /**
     * Calls that queue_log says ended since the AMI link went down: a call followed before the drop takes
     * queue_log's outcome, wait, talk and agents (and ends now if its channel is gone, else at its Hangup); a
     * call already handed on is left alone; a call never seen waits for the first call event after the
     * reconnect, whose instant closes the gap: it is handed on as queue_log has it if it ended by then (a
     * second's slack, queue_log keeps whole seconds), else AMI itself follows it and it is dropped here. When
     * no call event comes for {@link #QUIET_AFTER_RECONNECT} (a quiet night), the gap is taken to have lasted
     * as long as the link was down by our clock ({@code endByDuration}).
     */
    void fillGap(List<CallRecord> fromQueueLog, Instant reconnectedAt, Instant endByDuration) {
        unseenInGap.clear();
        for (CallRecord record : fromQueueLog) {
            OpenCall open = calls.get(record.uniqueId());
            if (open != null) {
                open.filled = record;
            } else if (!finished.contains(record.uniqueId())) {
                unseenInGap.add(record);
            }
        }
        unseenSince = reconnectedAt;
        unseenEndByDuration = endByDuration;
    }

    /** The first call event after a reconnect ends the gap: hands on the unseen calls queue_log says ended in it. */
    private List<CallRecord> gapClosed(Instant firstAfter) {
        Instant end = firstAfter.plus(QUEUE_LOG_SLACK);
        List<CallRecord> out = new ArrayList<>();
        for (CallRecord record : unseenInGap) {
            if (!record.endedAt().isAfter(end) && !calls.containsKey(record.uniqueId())
                    && finished.add(record.uniqueId())) {
                LOG.info("Call {} ended while AMI was down: {}, completed from queue_log", record.uniqueId(),
                        record.outcome().key());
                out.add(record);
            }
        }
        unseenInGap.clear();
        return out;
    }

    private List<CallRecord> link(LinkEvent event) {
        if (event instanceof LinkEvent.LinkDown) {
            calls.values().forEach(call -> {
                call.gap = true;
                call.applied.rewind(); // what comes after the reconnect may be this call's events again
            });
            direct.linkDown();
            if (!calls.isEmpty()) {
                LOG.warn("AMI link lost with {} calls in progress; they are completed from what Asterisk reports "
                        + "after the reconnect", calls.size());
            }
        } else if (event instanceof LinkEvent.ChannelListed listed) {
            if (listing == null) {
                listing = new HashSet<>();
            }
            listing.add(listed.uniqueId());
            if ("Queue".equalsIgnoreCase(listed.application()) && !calls.containsKey(listed.uniqueId())
                    && !finished.contains(listed.uniqueId())) {
                late(listed);
            }
        } else if (event instanceof LinkEvent.ChannelListComplete complete) {
            return resynced(complete.at());
        } else if (event instanceof LinkEvent.ChannelsUnconfirmed unconfirmed) {
            return unconfirmed(unconfirmed.at());
        }
        return List.of();
    }

    /**
     * Asterisk would not list its channels after the reconnect: a call open across the drop that has shown no
     * sign of life since (no new event) may have ended unseen; it is closed now as partial rather than left
     * open for ever. Its later events, if any, are then taken for a call already handed on.
     */
    private List<CallRecord> unconfirmed(Instant at) {
        List<OpenCall> silent = calls.values().stream().filter(c -> c.gap && !c.applied.heard()).toList();
        List<DirectCall> silentDirect = direct.silentSinceDrop();
        if (silent.isEmpty() && silentDirect.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        silent.forEach(c -> ids.add(c.joined.uniqueId()));
        silentDirect.forEach(c -> ids.add(c.first.uniqueId()));
        LOG.warn("AMI: cannot confirm calls {} after the reconnect (Asterisk would not list its channels); "
                + "their end was missed: closed as partial", ids);
        List<CallRecord> out = new ArrayList<>();
        for (OpenCall call : silent) {
            out.addAll(end(call, call.filled != null ? call.filled.endedAt() : at, true));
        }
        for (DirectCall call : silentDirect) {
            direct.discard(call.first.uniqueId(), at);
            out.addAll(endDirect(call, at, true));
        }
        return out;
    }

    /**
     * Whether the event repeats what is known: anything about a call already handed on (the same uniqueid
     * never comes back after its hang-up), or an event its open call has applied already.
     */
    private boolean isRepeat(CallEvent event) {
        if (finished.contains(event.uniqueId())) {
            return true;
        }
        String linkedId = linkedId(event);
        OpenCall call = calls.get(event.uniqueId());
        if (call == null && linkedId != null) {
            call = byLinkedId.get(linkedId);
        }
        if (call != null) {
            return call.applied.repeat(event);
        }
        DirectCall directCall = direct.call(event.uniqueId());
        if (directCall == null) {
            directCall = direct.byLinkedId(linkedId);
        }
        return directCall != null && directCall.applied.repeat(event);
    }

    private static String linkedId(CallEvent event) {
        if (event instanceof CallEvent.HoldChanged e) {
            return e.linkedId();
        } else if (event instanceof CallEvent.ChannelHungUp e) {
            return e.linkedId();
        } else if (event instanceof CallEvent.DialBegan e) {
            return e.linkedId();
        } else if (event instanceof CallEvent.KeyPressed e) {
            return e.linkedId();
        } else if (event instanceof CallEvent.MuteChanged e) {
            return e.linkedId();
        }
        return null;
    }

    /**
     * A queue event for a caller whose join was not seen: followed from here as a queue call (see
     * {@link LateJoin}), never as a direct call (Queue() rings members with DialBegin, which looks like one),
     * and reported partial. Null when the event says nothing of a queue.
     */
    private OpenCall midway(CallEvent event) {
        CallEvent.CallerJoined joined = LateJoin.fromQueueEvent(event, direct.call(event.uniqueId()));
        if (joined == null) {
            return null;
        }
        join(joined);
        OpenCall call = calls.get(event.uniqueId());
        call.seenLate = true;
        LOG.info("Call {} first seen mid-way in queue {} ({}): followed as a queue call, partial", event.uniqueId(),
                joined.queue(), event.getClass().getSimpleName());
        return call;
    }

    /** A caller already waiting in a queue when we (re)connected: follow it, marked partial. */
    private void late(LinkEvent.ChannelListed listed) {
        join(LateJoin.fromListing(listed));
        calls.get(listed.uniqueId()).seenLate = true;
    }

    /** After a channel listing: calls that spanned a drop and whose channel is gone ended during the drop. */
    private List<CallRecord> resynced(Instant at) {
        Set<String> up = listing == null ? Set.of() : listing;
        listing = null;
        List<OpenCall> gone = calls.values().stream().filter(c -> c.gap && !up.contains(c.joined.uniqueId())).toList();
        List<CallRecord> out = new ArrayList<>();
        for (OpenCall call : gone) {
            out.addAll(end(call, call.filled != null ? call.filled.endedAt() : at, true));
        }
        for (DirectCall call : direct.gone(up, at)) {
            out.addAll(endDirect(call, at, true));
        }
        return out;
    }

    static <V> Map<String, V> boundedMap(String what) {
        return Bounded.tracked(what, MAX_TRACKED);
    }
}
