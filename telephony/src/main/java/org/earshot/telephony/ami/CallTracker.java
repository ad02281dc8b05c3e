package org.earshot.telephony.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds {@link CallEvent}s into finished queue calls: a call opens on {@code QueueCallerJoin} and is
 * emitted as a {@link CallRecord} when that caller channel hangs up.
 *
 * <p>Pure logic: no sockets, no threads, no clock. Not thread-safe; one thread feeds it.
 *
 * <pre>{@code
 * var tracker = new CallTracker();
 * tracker.handle(event).ifPresent(sink);
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
    /**
     * MixMonitor names seen on channels that are not (yet) queue callers. The dialplan starts MixMonitor
     * before {@code Queue()}, so the file name arrives before {@code QueueCallerJoin}.
     */
    private final Map<String, List<String>> recordingsBeforeJoin = boundedMap("pre-queue recording");

    /** Applies one event; returns the finished call when this event ended one. */
    Optional<CallRecord> handle(CallEvent event) {
        if (event instanceof CallEvent.CallerJoined joined) {
            join(joined);
            return Optional.empty();
        }
        if (event instanceof CallEvent.VariableSet variable) {
            variable(variable);
            return Optional.empty();
        }
        if (event instanceof CallEvent.ChannelHungUp hangup) {
            return hangup(hangup);
        }
        OpenCall call = calls.get(event.uniqueId());
        if (call == null) {
            return Optional.empty(); // not a queue caller we follow: agent legs, AGI-only calls, ...
        }
        if (event instanceof CallEvent.AgentConnected connected) {
            call.answered(connected);
        } else if (event instanceof CallEvent.AgentCompleted completed) {
            call.completed(completed);
        } else if (event instanceof CallEvent.CallerAbandoned abandoned) {
            call.abandoned(abandoned);
        }
        return Optional.empty();
    }

    /** Number of calls joined but not yet hung up. */
    int openCalls() {
        return calls.size();
    }

    private void join(CallEvent.CallerJoined joined) {
        if (calls.containsKey(joined.uniqueId())) {
            // A dialplan may run Queue() again for the same channel; the first entry stays the call's start.
            LOG.debug("Call {} joined queue {} again; keeping its first entry", joined.uniqueId(), joined.queue());
            return;
        }
        OpenCall call = new OpenCall(joined);
        List<String> early = recordingsBeforeJoin.remove(joined.uniqueId());
        if (early != null) {
            call.recordings.addAll(early);
        }
        calls.put(joined.uniqueId(), call);
        LOG.info("Call {} from {} joined queue {}", joined.uniqueId(), joined.caller(), joined.queue());
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
            call.queueStatus = variable.value();
        }
    }

    private Optional<CallRecord> hangup(CallEvent.ChannelHungUp hangup) {
        recordingsBeforeJoin.remove(hangup.uniqueId());
        OpenCall call = calls.remove(hangup.uniqueId());
        if (call == null) {
            return Optional.empty();
        }
        CallRecord record = call.finish(hangup.at());
        LOG.info("Call {} ended: {}, agent {}, wait {} s, talk {} s, recording {}", record.uniqueId(),
                record.outcome().key(), record.agent(), record.waitSeconds(), record.talkSeconds(),
                record.recordingFile());
        return Optional.of(record);
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

    /** The mutable state of one call between join and hangup; owned by the tracker. */
    private static final class OpenCall {
        private final CallEvent.CallerJoined joined;
        private final List<String> recordings = new ArrayList<>(2);
        private String agent;
        private Instant answeredAt;
        private Double waitSeconds;
        private Double talkSeconds;
        private String queueStatus;

        OpenCall(CallEvent.CallerJoined joined) {
            this.joined = joined;
        }

        void answered(CallEvent.AgentConnected connected) {
            agent = connected.agent();
            answeredAt = connected.at();
            if (connected.holdSeconds() != null) {
                waitSeconds = connected.holdSeconds().doubleValue();
            }
            LOG.info("Call {} answered by {} after {} s", joined.uniqueId(), agent, waitSeconds);
        }

        void completed(CallEvent.AgentCompleted completed) {
            if (agent == null) {
                agent = completed.agent();
            }
            if (waitSeconds == null && completed.holdSeconds() != null) {
                waitSeconds = completed.holdSeconds().doubleValue();
            }
            if (completed.talkSeconds() != null) {
                talkSeconds = completed.talkSeconds().doubleValue();
            }
            LOG.info("Call {} agent part completed ({}), talk {} s", joined.uniqueId(), completed.reason(),
                    talkSeconds);
        }

        void abandoned(CallEvent.CallerAbandoned abandoned) {
            if (abandoned.holdSeconds() != null) {
                waitSeconds = abandoned.holdSeconds().doubleValue();
            }
            // Not yet "abandoned": a queue timeout sends the same event; QUEUESTATUS decides at hangup.
            LOG.info("Call {} left queue {} unanswered after {} s", joined.uniqueId(), joined.queue(), waitSeconds);
        }

        CallRecord finish(Instant endedAt) {
            CallOutcome outcome = answeredAt != null ? CallOutcome.ANSWERED
                    : "TIMEOUT".equals(queueStatus) ? CallOutcome.TIMEOUT
                    : CallOutcome.ABANDONED;
            return new CallRecord(joined.uniqueId(), joined.linkedId(), joined.caller(), joined.callerName(),
                    joined.queue(), agent, joined.at(), answeredAt, endedAt, waitOr(endedAt),
                    answeredAt != null ? talkSeconds : null, outcome, recordingFile());
        }

        /**
         * Asterisk's HoldTime when it sent one. Only when it did not (no Agent/Abandon event seen, e.g. a
         * reconnect gap) fall back to the event instants, which a fast replay compresses.
         */
        private double waitOr(Instant endedAt) {
            if (waitSeconds != null) {
                return waitSeconds;
            }
            Instant until = answeredAt != null ? answeredAt : endedAt;
            return Math.max(0, Duration.between(joined.at(), until).toMillis() / 1000.0);
        }

        /** The stereo {@code .raw} of MixMonitor option D when there is one (per-party analysis), else the last. */
        private String recordingFile() {
            for (int i = recordings.size() - 1; i >= 0; i--) {
                if (recordings.get(i).toLowerCase(Locale.ROOT).endsWith(".raw")) {
                    return recordings.get(i);
                }
            }
            return recordings.isEmpty() ? null : recordings.get(recordings.size() - 1);
        }
    }
}
