package org.earshot.telephony.ami;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    static final Set<String> VARIABLES = Set.of(RECORDING_VARIABLE, QUEUE_STATUS_VARIABLE);

    /**
     * Bound on remembered channels. Calls whose Hangup was lost (e.g. during an AMI reconnect) would
     * otherwise stay forever; a call center has far fewer simultaneous channels than this.
     */
    static final int MAX_TRACKED = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(CallTracker.class);

    private final Map<String, OpenCall> calls = boundedMap("open call");
    private final Map<String, OpenCall> byLinkedId = boundedMap("linked call");
    /**
     * MixMonitor names seen on channels that are not (yet) queue callers. The dialplan starts MixMonitor
     * before {@code Queue()}, so the file name arrives before {@code QueueCallerJoin}.
     */
    private final Map<String, List<String>> recordingsBeforeJoin = boundedMap("pre-queue recording");
    private final WrapUpWatch wrapUp;
    /** Channels of the CoreShowChannels listing in progress; null when none is. */
    private Set<String> listing;

    CallTracker() {
        this(WrapUpRule.DEFAULT);
    }

    CallTracker(WrapUpRule rule) {
        this.wrapUp = new WrapUpWatch(rule);
    }

    /** Applies one event; returns the calls this event finished (usually none). */
    List<CallRecord> handle(AmiEvent event) {
        List<CallRecord> out = new ArrayList<>(wrapUp.tick(event.at()));
        if (event instanceof CallEvent call) {
            out.addAll(call(call));
        } else if (event instanceof MemberEvent.MemberSeen member) {
            out.addAll(wrapUp.member(member));
        } else if (event instanceof LinkEvent link) {
            out.addAll(link(link));
        }
        return out;
    }

    /** Time passes without events: settles wrap-ups that are due. */
    List<CallRecord> tick(Instant now) {
        return wrapUp.tick(now);
    }

    /** Calls still waiting for their wrap-up, handed on as they are (shutting down). */
    List<CallRecord> flush() {
        return wrapUp.flush();
    }

    /** Number of calls joined but not yet hung up. */
    int openCalls() {
        return calls.size();
    }

    /** Whether the call with this linkedid is on hold now. */
    boolean onHold(String linkedId) {
        OpenCall call = linkedId == null ? null : byLinkedId.get(linkedId);
        return call != null && call.hold.onHold();
    }

    private List<CallRecord> call(CallEvent event) {
        if (event instanceof CallEvent.CallerJoined joined) {
            join(joined);
        } else if (event instanceof CallEvent.VariableSet variable) {
            variable(variable);
        } else if (event instanceof CallEvent.ChannelHungUp hangup) {
            return hangup(hangup);
        } else if (event instanceof CallEvent.HoldChanged hold) {
            hold(hold);
        } else if (event instanceof CallEvent.AgentRinging ringing) {
            return wrapUp.busyAgain(ringing.agent(), ringing.at());
        } else {
            return queueCall(event);
        }
        return List.of();
    }

    private List<CallRecord> queueCall(CallEvent event) {
        OpenCall call = calls.get(event.uniqueId());
        if (call == null) {
            return List.of(); // not a queue caller we follow: agent legs, AGI-only calls, ...
        }
        if (event instanceof CallEvent.AgentConnected connected) {
            call.answered(connected);
            return wrapUp.busyAgain(connected.agent(), connected.at());
        } else if (event instanceof CallEvent.AgentCompleted completed) {
            call.completed(completed);
        } else if (event instanceof CallEvent.CallerAbandoned abandoned) {
            call.abandoned(abandoned);
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
        List<String> early = recordingsBeforeJoin.remove(joined.uniqueId());
        if (early != null) {
            call.recordings.addAll(early);
        }
        calls.put(joined.uniqueId(), call);
        if (joined.linkedId() != null) {
            byLinkedId.put(joined.linkedId(), call);
        }
        LOG.info("Call {} from {} joined queue {}", joined.uniqueId(), joined.caller(), joined.queue());
    }

    private void hold(CallEvent.HoldChanged hold) {
        OpenCall call = hold.linkedId() == null ? null : byLinkedId.get(hold.linkedId());
        // Music while waiting in the queue is not hold: only after an agent answered.
        if (call == null || !call.answered()) {
            return;
        }
        if (hold.onHold()) {
            call.hold.hold(hold.uniqueId(), hold.at());
        } else {
            call.hold.release(hold.uniqueId(), hold.at());
        }
    }

    private void variable(CallEvent.VariableSet variable) {
        OpenCall call = calls.get(variable.uniqueId());
        if (RECORDING_VARIABLE.equals(variable.name())) {
            if (variable.value() == null || variable.value().isBlank()) {
                return;
            }
            List<String> names = call != null ? call.recordings
                    : recordingsBeforeJoin.computeIfAbsent(variable.uniqueId(), id -> new ArrayList<>(2));
            names.add(variable.value());
        } else if (QUEUE_STATUS_VARIABLE.equals(variable.name()) && call != null) {
            call.queueStatus(variable.value());
        }
    }

    private List<CallRecord> hangup(CallEvent.ChannelHungUp hangup) {
        recordingsBeforeJoin.remove(hangup.uniqueId());
        OpenCall byChannel = hangup.linkedId() == null ? null : byLinkedId.get(hangup.linkedId());
        if (byChannel != null) {
            byChannel.hold.release(hangup.uniqueId(), hangup.at()); // a held channel that hangs up holds no more
        }
        OpenCall call = calls.remove(hangup.uniqueId());
        return call == null ? List.of() : end(call, hangup.at(), false);
    }

    private List<CallRecord> end(OpenCall call, Instant at, boolean duringDrop) {
        calls.remove(call.joined.uniqueId());
        if (call.joined.linkedId() != null) {
            byLinkedId.remove(call.joined.linkedId(), call);
        }
        CallRecord.Builder record = call.finish(at, duringDrop);
        LOG.info("Call {} ended: {}{}", call.joined.uniqueId(), call.answered() ? "answered by " + call.currentAgent()
                : "unanswered", call.gap ? " (AMI link dropped during the call)" : "");
        Instant agentEnd = call.agentPartEnded != null ? call.agentPartEnded : at;
        return wrapUp.finished(record, call.currentAgent(), agentEnd, call.answered());
    }

    private List<CallRecord> link(LinkEvent event) {
        if (event instanceof LinkEvent.LinkDown) {
            calls.values().forEach(call -> call.gap = true);
            if (!calls.isEmpty()) {
                LOG.warn("AMI link lost with {} calls in progress; they are completed from what Asterisk reports "
                        + "after the reconnect", calls.size());
            }
        } else if (event instanceof LinkEvent.ChannelListed listed) {
            if (listing == null) {
                listing = new HashSet<>();
            }
            listing.add(listed.uniqueId());
            if ("Queue".equalsIgnoreCase(listed.application()) && !calls.containsKey(listed.uniqueId())) {
                late(listed);
            }
        } else if (event instanceof LinkEvent.ChannelListComplete complete) {
            return resynced(complete.at());
        }
        return List.of();
    }

    /** A caller already waiting in a queue when we (re)connected: follow it, marked partial. */
    private void late(LinkEvent.ChannelListed listed) {
        var joined = new CallEvent.CallerJoined(listed.uniqueId(), listed.at().minusSeconds(listed.upSeconds()),
                listed.linkedId(), listed.caller(), null, null, listed.exten(), null);
        join(joined);
        calls.get(listed.uniqueId()).seenLate = true;
    }

    /** After a channel listing: calls that spanned a drop and whose channel is gone ended during the drop. */
    private List<CallRecord> resynced(Instant at) {
        Set<String> up = listing == null ? Set.of() : listing;
        listing = null;
        List<OpenCall> gone = calls.values().stream().filter(c -> c.gap && !up.contains(c.joined.uniqueId())).toList();
        List<CallRecord> out = new ArrayList<>();
        for (OpenCall call : gone) {
            out.addAll(end(call, at, true));
        }
        return out;
    }

    private static <V> Map<String, V> boundedMap(String what) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                boolean full = size() > MAX_TRACKED;
                if (full) {
                    LOG.warn("Forgetting {} {}: more than {} tracked (a Hangup was probably missed)",
                            what, eldest.getKey(), MAX_TRACKED);
                }
                return full;
            }
        };
    }
}
