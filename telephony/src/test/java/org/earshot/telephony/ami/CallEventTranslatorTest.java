package org.earshot.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.UserEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.Test;

/** Library events in, our records out; the socket path is covered by AmiBridgeTest. */
class CallEventTranslatorTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T00:30:00Z");

    private final List<AmiEvent> out = new ArrayList<>();
    private final CallEventTranslator translator =
            new CallEventTranslator(Clock.fixed(RECEIVED, ZoneOffset.UTC), out::add);

    @Test
    void anEventWithATimestampHeaderIsPlacedAtThatInstant() {
        HangupEvent hangup = new HangupEvent(this);
        hangup.setUniqueId("1795393059.1");
        hangup.setTimestamp(1795393089.250123);

        translator.onManagerEvent(hangup);

        assertThat(out).containsExactly(
                new CallEvent.ChannelHungUp("1795393059.1", Instant.parse("2026-11-23T00:18:09.250123Z")));
    }

    @Test
    void anEventWithoutTimestampIsPlacedAtItsReceiptTime() {
        AgentConnectEvent connect = new AgentConnectEvent(this);
        connect.setUniqueId("earshot-lab-1795393059.1");
        connect.setMemberName("Alice Agent");
        connect.setHoldTime(6L);

        translator.onManagerEvent(connect);

        assertThat(out).containsExactly(
                new CallEvent.AgentConnected("earshot-lab-1795393059.1", RECEIVED, "Alice Agent", 6L));
    }

    @Test
    void anUnknownCallerIdBecomesNull() {
        QueueCallerJoinEvent join = new QueueCallerJoinEvent(this);
        join.setUniqueId("u1");
        join.setCallerIdNum("<unknown>");
        join.setQueue("support");

        translator.onManagerEvent(join);

        assertThat(out).singleElement().isEqualTo(new CallEvent.CallerJoined("u1", RECEIVED, null, null, null, "support"));
    }

    @Test
    void onlyTheVariablesTheTrackerReadsArePassedOn() {
        translator.onManagerEvent(varSet("QUEUEWAIT", "12"));
        translator.onManagerEvent(varSet("QUEUESTATUS", "TIMEOUT"));

        assertThat(out).containsExactly(new CallEvent.VariableSet("u1", RECEIVED, "QUEUESTATUS", "TIMEOUT"));
    }

    @Test
    void userEventsOtherEventsAndEventsWithoutUniqueidAreDroppedQuietly() {
        translator.onManagerEvent(new UserEvent(this) { });
        translator.onManagerEvent(new NewExtenEvent(this));
        translator.onManagerEvent(new HangupEvent(this));

        assertThat(out).isEmpty();
    }

    @Test
    void keypadEventsPassOnDirectionAndDurationButNeverTheDigit() {
        DigitlessDtmfBeginEvent begin = new DigitlessDtmfBeginEvent(this);
        begin.setUniqueId("u1");
        begin.setLinkedId("u0");
        begin.setDirection("Received");
        begin.setDigit("7");
        DtmfEndEvent end = new DtmfEndEvent(this); // the library's own class, should one ever reach us
        end.setUniqueId("u1");
        end.setLinkedId("u0");
        end.setDirection("Sent");
        end.setDigit("7");
        end.setDurationMs(100);

        translator.onManagerEvent(begin);
        translator.onManagerEvent(end);

        assertThat(begin.getDigit()).as("dropped as the event is built").isNull();
        assertThat(out).containsExactly(new CallEvent.KeyPressed("u1", RECEIVED, "u0", true, false, null),
                new CallEvent.KeyPressed("u1", RECEIVED, "u0", false, true, 100));
        assertThat(out.toString()).doesNotContain("7");
    }

    @Test
    void mixMonitorMuteNamesTheDirectionsItSwitchesAndAnUnknownDirectionOrStateIsDropped() {
        translator.onManagerEvent(mute("read", "1"));
        translator.onManagerEvent(mute("Both", "0"));
        translator.onManagerEvent(mute("write", "1"));
        translator.onManagerEvent(mute("sideways", "1"));
        translator.onManagerEvent(mute("read", "yes"));

        assertThat(out).containsExactly(new CallEvent.MuteChanged("u1", RECEIVED, "u0", true, false, true),
                new CallEvent.MuteChanged("u1", RECEIVED, "u0", true, true, false),
                new CallEvent.MuteChanged("u1", RECEIVED, "u0", false, true, true));
    }

    @Test
    void aVariableTheTrackerDoesNotReadShowsNoValueEvenWhenItsValueCameFirst() {
        TrackedVarSetEvent card = new TrackedVarSetEvent(this);
        card.setValue("4111111111111111");
        card.setVariable("CARDNUM");
        TrackedVarSetEvent file = new TrackedVarSetEvent(this);
        file.setValue("/var/spool/asterisk/monitor/a-stereo.raw");
        file.setVariable("MIXMONITOR_FILENAME");
        file.setUniqueId("u1");

        translator.onManagerEvent(card);
        translator.onManagerEvent(file);

        assertThat(card.getValue()).isNull();
        assertThat(card.toString()).doesNotContain("4111");
        assertThat(out).containsExactly(new CallEvent.VariableSet("u1", RECEIVED, "MIXMONITOR_FILENAME",
                "/var/spool/asterisk/monitor/a-stereo.raw"));
    }

    private MixMonitorMuteEvent mute(String direction, String state) {
        MixMonitorMuteEvent event = new MixMonitorMuteEvent(this);
        event.setUniqueId("u1");
        event.setLinkedId("u0");
        event.setDirection(direction);
        event.setState(state);
        return event;
    }

    private VarSetEvent varSet(String name, String value) {
        VarSetEvent event = new VarSetEvent(this);
        event.setUniqueId("u1");
        event.setVariable(name);
        event.setValue(value);
        return event;
    }
}
