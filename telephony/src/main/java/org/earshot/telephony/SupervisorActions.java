package org.earshot.telephony;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * What a supervisor does to an agent from the live wall, over the bridge's AMI connection: listen to, whisper to
 * or barge into the agent's call ({@code Originate} of the supervisor's phone running {@code ChanSpy} on the agent's
 * bridged channel), pause or unpause the agent with a reason ({@code QueuePause}), take the agent out of a queue
 * ({@code QueueRemove}). Agents are named by MemberName, as on the {@link AgentBoard}. Every outcome, good or bad,
 * arrives as a value whose {@code words} a supervisor can read; nothing here throws for AMI trouble.
 *
 * <pre>{@code
 * SupervisorActions actions = bridge.supervisorActions();
 * Spy spy = actions.spy("Alice Agent", SpyMode.LISTEN, new Phone("PJSIP/3001", "\"Listen Alice Agent\" <3001>"));
 * SpyOutcome outcome = spy.outcome().get(SupervisorActions.RING_TIMEOUT.plus(SPY_START_TIMEOUT).toSeconds() + 5, SECONDS);
 * QueueOutcome paused = actions.pause("Bob Agent", "support", "lunch").get(10, SECONDS);
 * }</pre>
 */
public interface SupervisorActions {

    /** How long the supervisor's phone rings before Asterisk gives up (the Originate's {@code Timeout}). */
    Duration RING_TIMEOUT = Duration.ofSeconds(15);
    /**
     * How long after the supervisor answered a {@code ChanSpyStart} may take. The lab's came ~100 ms after the
     * answer; a spy target that does not exist gives no error at all, only no ChanSpyStart, so silence this long
     * is reported (and the supervisor's leg hung up).
     */
    Duration SPY_START_TIMEOUT = Duration.ofSeconds(5);
    /** How long a queue action may wait for Asterisk's response (it answers within milliseconds). */
    Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Calls {@code phone}; once it answers, ChanSpy runs on the channel {@code agent} is talking on now (the queue
     * member leg Asterisk bridged to the caller, e.g. {@code Local/1001@agents-00000001;1} for the interface
     * {@code Local/1001@agents/n}).
     */
    Spy spy(String agent, SpyMode mode, Phone phone);

    /** Pauses the agent in {@code queue}, or in every queue when it is null, with a reason (or none when null). */
    CompletableFuture<QueueOutcome> pause(String agent, String queue, String reason);

    /** Unpauses the agent in {@code queue}, or in every queue when it is null. */
    CompletableFuture<QueueOutcome> unpause(String agent, String queue);

    /** Takes the agent out of {@code queue} (logs them out of it); only members added at run time can be. */
    CompletableFuture<QueueOutcome> remove(String agent, String queue);

    /** ChanSpy's options per mode: {@code q} no beep to the spied channel, {@code w} whisper, {@code B} barge. */
    enum SpyMode {
        /** Hear both sides; nobody hears the supervisor. */
        LISTEN("listen", "q"),
        /** Hear both sides; only the agent hears the supervisor. */
        WHISPER("whisper", "qw"),
        /** Hear both sides; both hear the supervisor. */
        BARGE("barge", "qB");

        private final String key;
        private final String options;

        SpyMode(String key, String options) {
            this.key = key;
            this.options = options;
        }

        /** As the API and the audit log name it: listen, whisper, barge. */
        public String key() {
            return key;
        }

        /** ChanSpy's options for this mode. */
        public String options() {
            return options;
        }

        public static SpyMode fromKey(String key) {
            for (SpyMode mode : values()) {
                if (mode.key.equals(key)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("mode must be listen, whisper or barge, was '" + key + "'");
        }
    }

    /**
     * The supervisor's phone as Asterisk dials it.
     *
     * @param channel  a dialable channel, {@code Technology/resource}: {@code PJSIP/3001}, {@code SIP/3001},
     *                 {@code Local/3001@from-internal} (an extension, through the dialplan)
     * @param callerId what the phone shows while it rings, e.g. {@code "Listen Alice Agent" <3001>}, or null
     */
    record Phone(String channel, String callerId) {
        /** Technology, a slash, then a resource without spaces, commas or quotes (they would split AMI fields). */
        private static final Pattern CHANNEL = Pattern.compile("[A-Za-z][A-Za-z0-9_]*/[A-Za-z0-9_.@/+#*:=-]+");

        public Phone {
            Objects.requireNonNull(channel, "channel");
            if (channel.length() > 120 || !CHANNEL.matcher(channel).matches()) {
                throw new IllegalArgumentException("phone must be a channel Asterisk can dial, such as PJSIP/3001 or"
                        + " Local/3001@from-internal, was '" + (channel.length() > 40 ? channel.substring(0, 40) + "…"
                        : channel) + "'");
            }
            if (callerId != null && (callerId.length() > 120 || callerId.chars().anyMatch(c -> c < 0x20))) {
                throw new IllegalArgumentException("callerId must be one line of at most 120 characters");
            }
        }

        /** Whether {@code channel} would be accepted as a phone. */
        public static boolean isDialable(String channel) {
            return channel != null && channel.length() <= 120 && CHANNEL.matcher(channel).matches();
        }
    }

    /**
     * A listen, whisper or barge under way.
     *
     * @param answered completes with the supervisor's channel (e.g. {@code PJSIP/3001-0000002a}) when their phone
     *                 answered; never completes when it did not (then {@code outcome} says why)
     * @param outcome  completes once spying started, failed, or did not start in time
     */
    record Spy(CompletableFuture<String> answered, CompletableFuture<SpyOutcome> outcome) {
        public Spy {
            Objects.requireNonNull(answered, "answered");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Why an action did not happen: what the HTTP layer turns into a status. */
    enum Failure {
        /** No agent of that name on the wall, or its interface is not known yet. */
        UNKNOWN_AGENT,
        /** The agent is not on a call, or Earshot does not know the channel of the call. */
        NO_CALL,
        /** Not logged in to Asterisk right now, or the link dropped before the answer. */
        NOT_CONNECTED,
        /** The agent is not (or no longer) a member of that queue, or cannot be removed from it. */
        NOT_MEMBER,
        /** Asterisk answered the action with an error (no such queue, permission denied ...). */
        REFUSED,
        /** Asterisk could not reach the supervisor's phone: no such channel, busy, no answer. */
        PHONE_FAILED,
        /** Asterisk did not answer in time. */
        NO_ANSWER
    }

    /** How a listen, whisper or barge ended up; {@link #words()} is for the supervisor. */
    sealed interface SpyOutcome {
        String words();

        /** {@code ChanSpyStart} arrived for the supervisor's leg, spying on the agent's channel. */
        record Started(String agent, SpyMode mode, String spyerChannel, String spyeeChannel, String spyeeUniqueId)
                implements SpyOutcome {
            @Override
            public String words() {
                return "Your phone " + (mode == SpyMode.LISTEN ? "is listening to " : mode == SpyMode.WHISPER
                        ? "is whispering to " : "has barged into the call of ") + agent;
            }
        }

        /** It did not happen; {@code failure} says which way. */
        record Failed(Failure failure, String words) implements SpyOutcome {
            public Failed {
                Objects.requireNonNull(failure, "failure");
                Objects.requireNonNull(words, "words");
            }
        }

        /**
         * The supervisor answered but no ChanSpyStart came within {@code waited}: Asterisk's only sign that the spy
         * target was gone (the call ended, or the channel name was wrong). The supervisor's leg was hung up.
         */
        record NotStarted(Duration waited, String words) implements SpyOutcome {
        }
    }

    /**
     * The outcome of a pause, unpause or remove.
     *
     * @param failure null when Asterisk did it
     * @param words   Asterisk's message when done ({@code Interface paused successfully}), else why not, in words
     */
    record QueueOutcome(Failure failure, String words) {
        public QueueOutcome {
            Objects.requireNonNull(words, "words");
        }

        public boolean done() {
            return failure == null;
        }
    }
}
