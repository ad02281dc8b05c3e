package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.earshot.telephony.testing.AmiCapture;
import org.earshot.telephony.testing.AmiReplayPeer;
import org.earshot.telephony.testing.TimedCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The real session ami-actions-01 (Asterisk 22, with its event times) replayed through a real AmiBridge: scenario
 * D's keypad digits become one span on the customer's side that holds no digit anywhere, scenario C's
 * MixMonitorMute actions become muted spans where the recording holds zeros. Expected values are the fixture
 * README's ("Actions, muting, DTMF and file growth").
 */
class AmiBridgeKeypadTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The session with Asterisk's own event times, as with timestampevents = yes. */
    static final List<String> SESSION = TimedCapture.events(AmiCapture.resource(TimedCapture.ACTIONS_01_LOG));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T16:00:00Z"), ZoneOffset.UTC);
    /** Scenario A (supervisor), C (MixMonitorMute), D (keypad), E (file growth): the four queue calls. */
    static final String A = "earshot-lab-1796396843.1";
    static final String C = "earshot-lab-1796396895.17";
    static final String D = "earshot-lab-1796396917.21";
    static final String E = "earshot-lab-1796396943.25";
    /** What the customer keyed in scenario D (CUST_DTMF), which must be nowhere. */
    static final String DIGITS = "1234567890123456";
    /** A digit in a rendered event or record: Asterisk-Java's toString ({@code digit='1'}) or AMI's {@code Digit: 1}. */
    private static final Pattern DIGIT_FIELD = Pattern.compile("(?i)digit\\W{0,3}[0-9A-D*#]");

    private final BlockingQueue<CallRecord> calls = new LinkedBlockingQueue<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger library = (Logger) LoggerFactory.getLogger("org.asteriskjava");
    private Level libraryLevel;

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
        // Asterisk-Java at DEBUG prints every event it dispatches, toString() and all; an operator may turn it on.
        libraryLevel = library.getLevel();
        library.setLevel(Level.DEBUG);
        library.setAdditive(false);
        library.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        library.detachAppender(logs);
        library.setAdditive(true);
        library.setLevel(libraryLevel);
    }

    @Test
    void scenarioDsSixteenDigitsAreOneKeypadSpanOfTheCustomerFromTheFirstBeginToTheLastEnd() throws Exception {
        CallRecord d = byId(replay(SESSION), D);

        // README: first DTMFBegin 15:08:41.376, last DTMFEnd 15:08:46.754, on three channels; one run for us.
        assertThat(d.keypadSpans()).singleElement().satisfies(span -> {
            assertThat(span.party()).isEqualTo(Party.CUSTOMER);
            assertThat(span.digits()).isEqualTo(16);
            assertThat(span.start()).isBetween(Instant.parse("2026-12-04T15:08:41.376Z"),
                    Instant.parse("2026-12-04T15:08:41.377Z"));
            assertThat(span.end()).isBetween(Instant.parse("2026-12-04T15:08:46.753Z"),
                    Instant.parse("2026-12-04T15:08:46.754Z"));
        });
        assertThat(d.mutedSpans()).isEmpty();
    }

    @Test
    void noKeypadDigitIsInTheRecordItsJsonOrAnyLogLine() throws Exception {
        CallRecord d = byId(replay(SESSION), D);
        String json = new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(d);

        assertThat(d.keypadSpans()).hasSize(1);
        for (String rendered : List.of(d.toString(), json)) {
            assertThat(rendered).doesNotContain(DIGITS).doesNotContainPattern(DIGIT_FIELD);
        }
        List<String> lines = logs.list.stream().map(AmiBridgeKeypadTest::rendered).toList();
        assertThat(lines).as("Asterisk-Java logged the DTMF events it dispatched")
                .anySatisfy(line -> assertThat(line).contains("DigitlessDtmfBeginEvent").contains("digit=null"));
        // The lab's dialplan also names the digits it sends (Set(CUST_DTMF=...), SendDTMF(${CUST_DTMF})), as a
        // payment IVR's Read() or AGI would: those VarSet values and Newexten arguments are not kept either.
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("variable='CUST_DTMF'").contains("value=null"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("application='SendDTMF'").contains("appdata=null"));
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(DIGITS).doesNotContainPattern(DIGIT_FIELD));
    }

    @Test
    void scenarioCsMutesAreOneSpanPerPartyWhereTheRecordingHoldsZeros() throws Exception {
        CallRecord c = byId(replay(SESSION), C);

        // read on (3.0 s after the bridge), both on (7.0 s), both off (11.0 s): the customer's channel is muted
        // from the first action, the agent's from the second, both until the third.
        assertThat(c.mutedSpans()).extracting(MutedSpan::party).containsExactly(Party.CUSTOMER, Party.AGENT);
        assertThat(c.mutedSpans().get(0).start()).isBetween(Instant.parse("2026-12-04T15:08:19.7597Z"),
                Instant.parse("2026-12-04T15:08:19.761Z"));
        assertThat(c.mutedSpans().get(1).start()).isBetween(Instant.parse("2026-12-04T15:08:23.7619Z"),
                Instant.parse("2026-12-04T15:08:23.763Z"));
        assertThat(c.mutedSpans()).allSatisfy(span -> assertThat(span.end())
                .isBetween(Instant.parse("2026-12-04T15:08:27.7631Z"), Instant.parse("2026-12-04T15:08:27.764Z")));
        assertThat(c.keypadSpans()).isEmpty();

        // The file (19.000 s): left all-zero 2.98-11.02 s, right 7.00-11.02 s, each edge within a 20 ms frame.
        List<RecordingSpan> inFile = RecordingSpans.of(c, 19.000);
        assertThat(inFile).extracting(RecordingSpan::party).containsExactly(Party.CUSTOMER, Party.AGENT);
        assertThat(inFile).allSatisfy(span -> assertThat(span.kind()).isEqualTo(RecordingSpan.Kind.MUTED));
        assertThat(inFile.get(0).startSeconds()).isCloseTo(2.98, within(0.03));
        assertThat(inFile.get(0).endSeconds()).isCloseTo(11.02, within(0.03));
        assertThat(inFile.get(1).startSeconds()).isCloseTo(7.00, within(0.03));
        assertThat(inFile.get(1).endSeconds()).isCloseTo(11.02, within(0.03));
    }

    @Test
    void scenarioDsKeypadSpanInTheShortRecordingCoversTheBurstAlignedAndSkewed() throws Exception {
        CallRecord d = byId(replay(SESSION), D);

        // Bridged 15:08:38.779, the burst 2.597-7.975 s after; the file is 21.82 s for 22.50 s bridged, the
        // customer's channel 0.67 s early from the burst on.
        RecordingSpan span = RecordingSpans.of(d, 21.820).get(0);

        assertThat(span.kind()).isEqualTo(RecordingSpan.Kind.KEYPAD);
        assertThat(span.party()).isEqualTo(Party.CUSTOMER);
        assertThat(span.startSeconds()).isCloseTo(2.597 - 0.67, within(0.02));
        assertThat(span.endSeconds()).isCloseTo(7.975, within(0.01));
    }

    @Test
    void callsWithoutKeypadOrMuteHaveNoSpans() throws Exception {
        List<CallRecord> all = replay(SESSION);

        for (String id : List.of(A, E)) {
            assertThat(byId(all, id).keypadSpans()).as(id).isEmpty();
            assertThat(byId(all, id).mutedSpans()).as(id).isEmpty();
        }
    }

    /** The whole session through a bridge: its four queue calls, in the order they ended. */
    private List<CallRecord> replay(List<String> session) throws Exception {
        try (AmiReplayPeer peer = AmiReplayPeer.replaying(session).start();
             AmiBridge bridge = bridge(peer.port(), calls)) {
            bridge.start();
            return take(calls, 4);
        }
    }

    static AmiBridge bridge(int port, BlockingQueue<CallRecord> sink) {
        return new AmiBridge(new AmiSettings("127.0.0.1", port, "earshot", "earshot-secret", Duration.ofMillis(20)),
                WrapUpRule.DEFAULT, CLOCK, ZoneOffset.UTC, sink::add);
    }

    static List<CallRecord> take(BlockingQueue<CallRecord> calls, int n) throws InterruptedException {
        List<CallRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CallRecord call = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(call).as("call %d of %d", i + 1, n).isNotNull();
            out.add(call);
        }
        return out;
    }

    static CallRecord byId(List<CallRecord> calls, String uniqueId) {
        List<CallRecord> matching = calls.stream().filter(c -> c.uniqueId().equals(uniqueId)).toList();
        assertThat(matching).as("calls %s", calls.stream().map(CallRecord::uniqueId).toList()).hasSize(1);
        return matching.get(0);
    }

    private static String rendered(ILoggingEvent event) {
        String throwable = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getFormattedMessage() + throwable;
    }
}
