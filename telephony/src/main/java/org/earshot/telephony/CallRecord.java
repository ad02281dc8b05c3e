package org.earshot.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One finished inbound call, as the telephony bridge (or the queue_log importer) saw it.
 *
 * <p>Durations come from Asterisk's own fields (HoldTime, TalkTime, RingTime), instants from the event's
 * {@code Timestamp} header when Asterisk sends one and from the receipt time otherwise. Build one with
 * {@link #builder}; the first 13 components keep their original order and meaning.
 *
 * <p>Times and the SPEC: Asterisk's TalkTime runs from answer to the end of the agent part and so already
 * contains the time the caller spent on hold; {@code holdSeconds} says how much of it was hold. Hence
 * {@code handleSeconds = talkSeconds + wrapUpSeconds} (= conversation + hold + after-call work).
 *
 * @param uniqueId          the caller channel's uniqueid (the queue_log callid)
 * @param linkedId          the linkedid shared by every channel of the call
 * @param caller            caller id number, or null when Asterisk had none
 * @param callerName        caller id name, or null
 * @param queue             the first queue joined; for a direct call the queue the FastAGI {@code route} script
 *                          picked its agent for, else null (also for an after-hours call)
 * @param agent             MemberName of the first agent who answered, or null when nobody did
 * @param enteredAt         when the caller joined the queue (direct call: when the agent was rung)
 * @param answeredAt        when the agent connected, or null
 * @param endedAt           when the call ended (caller channel hung up)
 * @param waitSeconds       queue wait: entry to answer, or entry to abandon / timeout (direct call: ring time)
 * @param talkSeconds       total agent talk time over all agents, or null when not answered
 * @param outcome           answered, abandoned, timed out, exit with key, after hours
 * @param recordingFile     the main MixMonitor file (the stereo {@code .raw} when there is one), or null
 * @param holdSeconds       seconds on hold after answer ({@code Hold}/{@code Unhold}, music on hold); 0 when
 *                          none, null when not answered or unknown (an import without AMI)
 * @param wrapUpSeconds     after-call work of the last agent (queue wrapuptime or a pause right after the
 *                          call, as configured), null when unknown
 * @param handleSeconds     talk + wrap-up (see above), null when not answered
 * @param agents            every agent who talked, in order, with each one's share of the talk
 * @param transfers         blind and attended transfers, in order
 * @param queues            every queue the caller joined, in order (a routed direct call: its one queue)
 * @param dnis              the dialled number (caller channel's Exten at queue join, or the CDR dst), or null
 * @param ringAttempts      agents rung who did not answer, in order
 * @param joinPosition      position in the queue at join, or null
 * @param abandonPosition   position when the caller left unanswered, or null
 * @param endedBy           who ended the agent part (caller, agent, transfer) or the queue; null if unknown
 * @param partial           true when some of the call was not seen (AMI connection lost during the call):
 *                          times that could not be known are null or measured from what was seen
 * @param recordingFiles    every MixMonitor file named for the call, in order
 * @param recordingChannels the parties on the channels of {@link #recordingFile}, left first, e.g.
 *                          {@code [customer, agent]}; empty when unknown or a mono file
 * @param keypadSpans       runs of keypad digits pressed on the caller channel, in order of start; how many and
 *                          when, never the digits (see {@link KeypadSpan}); empty when none or unknown (import)
 * @param mutedSpans        times the recording was muted by {@code MixMonitorMute} on the caller channel, in order
 *                          of start; see {@link RecordingSpans} for where both fall in the recording
 */
public record CallRecord(
        String uniqueId,
        String linkedId,
        String caller,
        String callerName,
        String queue,
        String agent,
        Instant enteredAt,
        Instant answeredAt,
        Instant endedAt,
        double waitSeconds,
        Double talkSeconds,
        CallOutcome outcome,
        String recordingFile,
        Double holdSeconds,
        Double wrapUpSeconds,
        Double handleSeconds,
        List<AgentTalk> agents,
        List<Transfer> transfers,
        List<String> queues,
        String dnis,
        List<RingAttempt> ringAttempts,
        Integer joinPosition,
        Integer abandonPosition,
        HangupSide endedBy,
        boolean partial,
        List<String> recordingFiles,
        List<String> recordingChannels,
        List<KeypadSpan> keypadSpans,
        List<MutedSpan> mutedSpans) {

    public CallRecord {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(enteredAt, "enteredAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(outcome, "outcome");
        if (waitSeconds < 0) {
            throw new IllegalArgumentException("waitSeconds must be >= 0, was " + waitSeconds);
        }
        agents = copy(agents);
        transfers = copy(transfers);
        queues = copy(queues);
        ringAttempts = copy(ringAttempts);
        recordingFiles = copy(recordingFiles);
        recordingChannels = copy(recordingChannels);
        keypadSpans = copy(keypadSpans);
        mutedSpans = copy(mutedSpans);
    }

    /** The components before keypad and muted spans were added (none of either). */
    public CallRecord(String uniqueId, String linkedId, String caller, String callerName, String queue, String agent,
                      Instant enteredAt, Instant answeredAt, Instant endedAt, double waitSeconds, Double talkSeconds,
                      CallOutcome outcome, String recordingFile, Double holdSeconds, Double wrapUpSeconds,
                      Double handleSeconds, List<AgentTalk> agents, List<Transfer> transfers, List<String> queues,
                      String dnis, List<RingAttempt> ringAttempts, Integer joinPosition, Integer abandonPosition,
                      HangupSide endedBy, boolean partial, List<String> recordingFiles,
                      List<String> recordingChannels) {
        this(uniqueId, linkedId, caller, callerName, queue, agent, enteredAt, answeredAt, endedAt, waitSeconds,
                talkSeconds, outcome, recordingFile, holdSeconds, wrapUpSeconds, handleSeconds, agents, transfers,
                queues, dnis, ringAttempts, joinPosition, abandonPosition, endedBy, partial, recordingFiles,
                recordingChannels, List.of(), List.of());
    }

    /** Starts a record with the four things every call has; everything else defaults to null / empty / false. */
    public static Builder builder(String uniqueId, Instant enteredAt, Instant endedAt, CallOutcome outcome) {
        return new Builder(uniqueId, enteredAt, endedAt, outcome);
    }

    /** A builder holding this record's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(uniqueId, enteredAt, endedAt, outcome).linkedId(linkedId).caller(caller)
                .callerName(callerName).queue(queue).agent(agent).answeredAt(answeredAt).waitSeconds(waitSeconds)
                .talkSeconds(talkSeconds).recordingFile(recordingFile).holdSeconds(holdSeconds)
                .wrapUpSeconds(wrapUpSeconds).handleSeconds(handleSeconds).agents(agents).transfers(transfers)
                .queues(queues).dnis(dnis).ringAttempts(ringAttempts).joinPosition(joinPosition)
                .abandonPosition(abandonPosition).endedBy(endedBy).partial(partial).recordingFiles(recordingFiles)
                .recordingChannels(recordingChannels).keypadSpans(keypadSpans).mutedSpans(mutedSpans);
    }

    /**
     * Seconds from queue entry to the end of the call: the longer of Asterisk's own wait + talk and
     * the span between the instants (which without {@code timestampevents} are receipt times, and can
     * be compressed when events arrive in a burst, e.g. after a reconnect).
     */
    public double durationSeconds() {
        double span = Duration.between(enteredAt, endedAt).toMillis() / 1000.0;
        return Math.max(span, waitSeconds + (talkSeconds == null ? 0 : talkSeconds));
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * Collects a call's values; {@link #build()} fills {@code handleSeconds} (talk + wrap-up) when it was
     * not set and the call was answered, and {@code queue} / {@code agent} from the lists when unset.
     */
    public static final class Builder {
        private String uniqueId;
        private Instant enteredAt;
        private Instant endedAt;
        private CallOutcome outcome;
        private String linkedId;
        private String caller;
        private String callerName;
        private String queue;
        private String agent;
        private Instant answeredAt;
        private double waitSeconds;
        private Double talkSeconds;
        private String recordingFile;
        private Double holdSeconds;
        private Double wrapUpSeconds;
        private Double handleSeconds;
        private List<AgentTalk> agents = new ArrayList<>();
        private List<Transfer> transfers = new ArrayList<>();
        private List<String> queues = new ArrayList<>();
        private String dnis;
        private List<RingAttempt> ringAttempts = new ArrayList<>();
        private Integer joinPosition;
        private Integer abandonPosition;
        private HangupSide endedBy;
        private boolean partial;
        private List<String> recordingFiles = new ArrayList<>();
        private List<String> recordingChannels = new ArrayList<>();
        private List<KeypadSpan> keypadSpans = new ArrayList<>();
        private List<MutedSpan> mutedSpans = new ArrayList<>();

        private Builder(String uniqueId, Instant enteredAt, Instant endedAt, CallOutcome outcome) {
            this.uniqueId = uniqueId;
            this.enteredAt = enteredAt;
            this.endedAt = endedAt;
            this.outcome = outcome;
        }

        public Builder uniqueId(String v) { uniqueId = v; return this; }
        public Builder enteredAt(Instant v) { enteredAt = v; return this; }
        public Builder endedAt(Instant v) { endedAt = v; return this; }
        public Builder outcome(CallOutcome v) { outcome = v; return this; }
        public Builder linkedId(String v) { linkedId = v; return this; }
        public Builder caller(String v) { caller = v; return this; }
        public Builder callerName(String v) { callerName = v; return this; }
        public Builder queue(String v) { queue = v; return this; }
        public Builder agent(String v) { agent = v; return this; }
        public Builder answeredAt(Instant v) { answeredAt = v; return this; }
        public Builder waitSeconds(double v) { waitSeconds = v; return this; }
        public Builder talkSeconds(Double v) { talkSeconds = v; return this; }
        public Builder recordingFile(String v) { recordingFile = v; return this; }
        public Builder holdSeconds(Double v) { holdSeconds = v; return this; }
        public Builder wrapUpSeconds(Double v) { wrapUpSeconds = v; return this; }
        public Builder handleSeconds(Double v) { handleSeconds = v; return this; }
        public Builder agents(List<AgentTalk> v) { agents = new ArrayList<>(v); return this; }
        public Builder transfers(List<Transfer> v) { transfers = new ArrayList<>(v); return this; }
        public Builder queues(List<String> v) { queues = new ArrayList<>(v); return this; }
        public Builder dnis(String v) { dnis = v; return this; }
        public Builder ringAttempts(List<RingAttempt> v) { ringAttempts = new ArrayList<>(v); return this; }
        public Builder joinPosition(Integer v) { joinPosition = v; return this; }
        public Builder abandonPosition(Integer v) { abandonPosition = v; return this; }
        public Builder endedBy(HangupSide v) { endedBy = v; return this; }
        public Builder partial(boolean v) { partial = v; return this; }
        public Builder recordingFiles(List<String> v) { recordingFiles = new ArrayList<>(v); return this; }
        public Builder recordingChannels(List<String> v) { recordingChannels = new ArrayList<>(v); return this; }
        public Builder keypadSpans(List<KeypadSpan> v) { keypadSpans = new ArrayList<>(v); return this; }
        public Builder mutedSpans(List<MutedSpan> v) { mutedSpans = new ArrayList<>(v); return this; }

        public CallRecord build() {
            String firstQueue = queue != null || queues.isEmpty() ? queue : queues.get(0);
            String firstAgent = agent != null || agents.isEmpty() ? agent : agents.get(0).agent();
            Double handle = handleSeconds;
            if (handle == null && talkSeconds != null) {
                handle = talkSeconds + (wrapUpSeconds == null ? 0 : wrapUpSeconds);
            }
            return new CallRecord(uniqueId, linkedId, caller, callerName, firstQueue, firstAgent, enteredAt,
                    answeredAt, endedAt, waitSeconds, talkSeconds, outcome, recordingFile, holdSeconds,
                    wrapUpSeconds, handle, agents, transfers, queues, dnis, ringAttempts, joinPosition,
                    abandonPosition, endedBy, partial, recordingFiles, recordingChannels, keypadSpans, mutedSpans);
        }
    }
}
