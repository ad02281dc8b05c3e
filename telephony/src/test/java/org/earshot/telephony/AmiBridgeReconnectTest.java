package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.ChannelsUp;
import org.earshot.telephony.testing.TimedCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The real capture replayed with the AMI link dropped mid-session, then resumed, re-sent from its start, resumed
 * with events lost, and with Asterisk refusing to list its channels: the calls and the per-agent counts the
 * bridge hands on are those of the clean replay; a call whose end (or join) fell into lost events is partial,
 * with the same facts where Asterisk's later events carry them, and a call closed unseen is named in the log.
 */
class AmiBridgeReconnectTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The session with Asterisk's own event times (timestampevents = yes), so hold and talk are real seconds. */
    private static final List<String> SESSION = TimedCapture.events(AmiCapture.resource(TimedCapture.SESSION_01_LOG));
    /** The same session as the raw capture has it: no Timestamp headers, every event stamped on receipt. */
    private static final List<String> RAW = AmiCapture.events(AmiCapture.resource(AmiCapture.SESSION_01));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:30:00Z"), ZoneOffset.UTC);
    private static final String S5 = "earshot-lab-1795393183.19";
    private static final String S6 = "earshot-lab-1795393215.23";
    private static final String S6B = "earshot-lab-1795393233.27";
    private static final String S8 = "earshot-lab-1795393267.33";

    private static Map<String, Facts> clean;
    private static Map<String, Facts> cleanRaw;

    private final BlockingQueue<CallRecord> calls = new LinkedBlockingQueue<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger trackerLog = (Logger) LoggerFactory.getLogger("org.earshot.telephony.ami");

    @BeforeAll
    static void cleanRuns() throws Exception {
        clean = cleanRun(SESSION);
        cleanRaw = cleanRun(RAW);
        assertThat(clean.get(S6B).hold()).as("S6b's attended transfer holds the caller").isPositive();
    }

    private static Map<String, Facts> cleanRun(List<String> session) throws Exception {
        BlockingQueue<CallRecord> out = new LinkedBlockingQueue<>();
        Map<String, Facts> facts;
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(session).start();
             AmiBridge bridge = new AmiBridge(settings(peer.port()), WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, out::add)) {
            bridge.start();
            List<CallRecord> all = new ArrayList<>();
            for (int i = 0; i < ExpectedFacts.queuedCalls().size(); i++) {
                CallRecord call = out.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(call).as("clean call %d", i + 1).isNotNull();
                all.add(call);
            }
            facts = facts(all);
        }
        assertThat(facts.keySet()).containsExactlyInAnyOrderElementsOf(
                ExpectedFacts.queuedCalls().stream().map(ExpectedFacts::callerUniqueId).toList());
        return facts;
    }

    @BeforeEach
    void listen() {
        log.start();
        trackerLog.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        trackerLog.detachAppender(log);
    }

    @Test
    void aDropDuringAHoldThenResumeGivesTheCleanRunsCallsAndAgentCounts() throws Exception {
        int drop = indexOf("Event: Hold", null) + 1; // S6b's caller is on hold
        List<CallRecord> seen = replay(AmiReplayPeer.replaying(SESSION).replayAfterAction("CoreShowChannels")
                .dropFirstSessionAfter(drop).thenReplaying(SESSION.subList(drop, SESSION.size()))
                .answering("CoreShowChannels", login -> ChannelsUp.after(SESSION, login == 1 ? 0 : drop)), S8);

        assertThat(seen).extracting(CallRecord::uniqueId).doesNotHaveDuplicates();
        assertThat(facts(seen)).isEqualTo(clean);
        assertThat(agentCounts(seen)).isEqualTo(agentCounts(clean));
        assertThat(seen).noneMatch(CallRecord::partial);
    }

    @Test
    void aDropThenEveryEventSentAgainFromTheStartChangesNoCallAndStoresEachOnce() throws Exception {
        int drop = indexOf("Event: Hold", null) + 1;
        List<CallRecord> seen = replay(AmiReplayPeer.replaying(SESSION).replayAfterAction("CoreShowChannels")
                .dropFirstSessionAfter(drop).thenReplaying(SESSION)
                .answering("CoreShowChannels", login -> ChannelsUp.after(SESSION, login == 1 ? 0 : drop)), S8);

        assertThat(seen).extracting(CallRecord::uniqueId).doesNotHaveDuplicates();
        assertThat(facts(seen)).isEqualTo(clean);
        assertThat(agentCounts(seen)).isEqualTo(agentCounts(clean));
        assertThat(seen).noneMatch(CallRecord::partial);
    }

    @Test
    void withoutTimestampHeadersEveryEventSentAgainFromTheStartStillChangesNoCall() throws Exception {
        int drop = indexOf(RAW, "Event: Hold", null) + 1;
        List<CallRecord> seen = replay(AmiReplayPeer.replaying(RAW).replayAfterAction("CoreShowChannels")
                .dropFirstSessionAfter(drop).thenReplaying(RAW)
                .answering("CoreShowChannels", login -> ChannelsUp.after(RAW, login == 1 ? 0 : drop)), S8);

        assertThat(seen).extracting(CallRecord::uniqueId).doesNotHaveDuplicates();
        assertThat(facts(seen)).isEqualTo(cleanRaw);
        assertThat(agentCounts(seen)).isEqualTo(agentCounts(cleanRaw));
    }

    @Test
    void eventsLostInTheDropLeaveTheCallsTheyTouchedPartialWithTheCleanRunsFacts() throws Exception {
        // Lost: S5's caller hang-up, then S6's join and its first ring; Asterisk lists S6 waiting in the queue.
        int drop = indexOf("Event: AgentComplete", "Uniqueid: " + S5) + 1;
        int resume = indexOf("Event: DialBegin", "Uniqueid: " + S6);
        List<CallRecord> seen = replay(AmiReplayPeer.replaying(SESSION).replayAfterAction("CoreShowChannels")
                .dropFirstSessionAfter(drop).thenReplaying(SESSION.subList(resume, SESSION.size()))
                .answering("CoreShowChannels", login -> ChannelsUp.after(SESSION, login == 1 ? 0 : resume)), S8);

        assertThat(seen).extracting(CallRecord::uniqueId).doesNotHaveDuplicates();
        assertThat(facts(seen)).isEqualTo(clean);
        assertThat(agentCounts(seen)).isEqualTo(agentCounts(clean));
        assertThat(seen).filteredOn(CallRecord::partial).extracting(CallRecord::uniqueId)
                .containsExactlyInAnyOrder(S5, S6);
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains(S5).contains("partial"));
    }

    @Test
    void whenAsteriskWillNotListItsChannelsACallWhoseEndWasLostEndsPartialAndIsNamedInTheLog() throws Exception {
        // Lost: S5's hang-up, S6's join and AgentCalled; S6's first event after the drop is Queue() ringing Alice.
        int drop = indexOf("Event: AgentComplete", "Uniqueid: " + S5) + 1;
        int resume = indexOf("Event: DialBegin", "Uniqueid: " + S6);
        List<CallRecord> seen = replay(AmiReplayPeer.replaying(SESSION).replayAfterAction("CoreShowChannels")
                .dropFirstSessionAfter(drop)
                .thenReplaying(SESSION.subList(resume, SESSION.size()))
                .refusing("CoreShowChannels", login -> login == 2, true), S5);

        assertThat(seen).extracting(CallRecord::uniqueId).doesNotHaveDuplicates();
        assertThat(facts(seen)).isEqualTo(clean);
        assertThat(agentCounts(seen)).isEqualTo(agentCounts(clean));
        CallRecord s6 = seen.stream().filter(c -> c.uniqueId().equals(S6)).findFirst().orElseThrow();
        assertThat(s6.queue()).as("a queue call seen mid-way, not a direct call").isEqualTo("support");
        assertThat(s6.partial()).isTrue();
        assertThat(seen).filteredOn(CallRecord::partial).extracting(CallRecord::uniqueId)
                .containsExactlyInAnyOrder(S5, S6);
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains(S5).contains("partial"));
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains("CoreShowChannels")
                .contains("Permission denied"));
    }

    /**
     * Replays through a bridge until the call {@code last} (the last one the replay hands on) arrives, then closes
     * the bridge, which hands on whatever it had received: every call it ever gave, in order.
     */
    private List<CallRecord> replay(AmiReplayPeer.Builder builder, String last) throws Exception {
        List<CallRecord> seen = new ArrayList<>();
        try (AmiReplayPeer peer = builder.start()) {
            AmiBridge bridge = new AmiBridge(settings(peer.port()), WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, calls::add);
            try (bridge) {
                bridge.start();
                CallRecord call;
                do {
                    call = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    assertThat(call).as("calls so far: %s", seen.stream().map(CallRecord::uniqueId).toList()).isNotNull();
                    seen.add(call);
                } while (!call.uniqueId().equals(last) || peer.logins() < 2);
            }
            calls.drainTo(seen);
            assertThat(peer.logins()).isEqualTo(2);
        }
        return seen;
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** What the KPIs read of a call. */
    record Facts(CallOutcome outcome, String queue, Double waitSeconds, Double talk, Double hold, List<AgentTalk> agents,
                 List<String> rung) {
        static Facts of(CallRecord call) {
            return new Facts(call.outcome(), call.queue(), call.waitSeconds(), call.talkSeconds(), call.holdSeconds(),
                    call.agents(), call.ringAttempts().stream().map(RingAttempt::agent).toList());
        }
    }

    /** Offered and answered per agent, as the per-agent KPIs count them from the calls. */
    record AgentCount(int offered, int answered) {
    }

    private static Map<String, Facts> facts(List<CallRecord> calls) {
        return calls.stream().collect(Collectors.toMap(CallRecord::uniqueId, Facts::of, (a, b) -> a, LinkedHashMap::new))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static Map<String, AgentCount> agentCounts(List<CallRecord> calls) {
        return agentCounts(facts(calls));
    }

    private static Map<String, AgentCount> agentCounts(Map<String, Facts> calls) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Facts call : calls.values()) {
            call.rung().forEach(agent -> counts.computeIfAbsent(agent, a -> new int[2])[0]++);
            for (AgentTalk talk : call.agents()) {
                int[] c = counts.computeIfAbsent(talk.agent(), a -> new int[2]);
                c[0]++;
                c[1]++;
            }
        }
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new AgentCount(e.getValue()[0], e.getValue()[1]), (a, b) -> a, TreeMap::new));
    }

    private static AmiSettings settings(int port) {
        return new AmiSettings("127.0.0.1", port, "earshot", "earshot-secret", Duration.ofMillis(20));
    }

    private static int indexOf(String event, String line) {
        return indexOf(SESSION, event, line);
    }

    /** Index of the first event of this type (with this line, when not null). */
    private static int indexOf(List<String> session, String event, String line) {
        for (int i = 0; i < session.size(); i++) {
            String e = session.get(i) + "\r\n";
            if (e.startsWith(event + "\r\n") && (line == null || e.contains("\r\n" + line + "\r\n"))) {
                return i;
            }
        }
        throw new IllegalStateException(event + " with " + line);
    }
}
