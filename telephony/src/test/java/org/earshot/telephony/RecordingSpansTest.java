package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spans placed in the recording: seconds from the answer (the bridge), clipped to the file, widened by its skew. */
class RecordingSpansTest {

    private static final Instant JOINED = Instant.parse("2026-12-04T15:08:37Z");
    private static final Instant ANSWERED = JOINED.plusSeconds(2);

    @Test
    void anUnansweredCallHasNoRecordedSpans() {
        CallRecord call = call(null, 30, List.of(keypad(Party.CUSTOMER, 1_000, 2_000)), List.of());

        assertThat(RecordingSpans.of(call)).isEmpty();
        assertThat(RecordingSpans.recordingStart(call)).isNull();
    }

    @Test
    void spansAreSecondsFromTheAnswerAndWhatLiesBeforeItOrAfterTheEndIsCutOff() {
        CallRecord call = call(ANSWERED, 22, List.of(keypad(Party.CUSTOMER, 1_000, 1_500), // in the queue: not recorded
                        keypad(Party.CUSTOMER, 5_000, 7_000)),
                List.of(new MutedSpan(Party.AGENT, at(1_500), at(3_000)), new MutedSpan(Party.CUSTOMER, at(20_000), at(25_000))));

        List<RecordingSpan> spans = RecordingSpans.of(call);

        assertThat(spans).containsExactly(new RecordingSpan(Party.AGENT, RecordingSpan.Kind.MUTED, 0, 1),
                new RecordingSpan(Party.CUSTOMER, RecordingSpan.Kind.KEYPAD, 3, 5),
                new RecordingSpan(Party.CUSTOMER, RecordingSpan.Kind.MUTED, 18, 20));
    }

    @Test
    void aFileShorterThanTheBridgeWidensEverySpanFromTheFirstKeypadRunOnEarlierByTheShortfall() {
        CallRecord call = call(ANSWERED, 24.5, List.of(keypad(Party.CUSTOMER, 4_600, 10_000)),
                List.of(new MutedSpan(Party.AGENT, at(3_000), at(4_000)), new MutedSpan(Party.CUSTOMER, at(12_000), at(14_000))));

        List<RecordingSpan> spans = RecordingSpans.of(call, 21.82); // 22.5 s bridged, 0.68 s missing

        assertThat(spans).extracting(RecordingSpan::kind, RecordingSpan::party).containsExactly(
                tuple(RecordingSpan.Kind.MUTED, Party.AGENT),
                tuple(RecordingSpan.Kind.KEYPAD, Party.CUSTOMER),
                tuple(RecordingSpan.Kind.MUTED, Party.CUSTOMER));
        assertThat(spans.get(0).startSeconds()).as("before the keypad: aligned").isCloseTo(1.0, within(1e-9));
        assertThat(spans.get(1).startSeconds()).isCloseTo(2.6 - 0.68, within(1e-9));
        assertThat(spans.get(1).endSeconds()).isCloseTo(8.0, within(1e-9));
        assertThat(spans.get(2).startSeconds()).isCloseTo(10.0 - 0.68, within(1e-9));
        assertThat(spans.get(2).endSeconds()).isCloseTo(12.0, within(1e-9));
    }

    @Test
    void aFileAsLongAsTheBridgeMovesNothing() {
        CallRecord call = call(ANSWERED, 21, List.of(keypad(Party.AGENT, 4_000, 5_000)), List.of());

        assertThat(RecordingSpans.of(call, 19.5)).containsExactly(
                new RecordingSpan(Party.AGENT, RecordingSpan.Kind.KEYPAD, 2, 3));
        assertThat(RecordingSpans.of(call, 19.0)).isEqualTo(RecordingSpans.of(call));
    }

    @Test
    void recordsBuiltWithTheOldComponentsHaveNoSpans() {
        CallRecord call = new CallRecord("u1", null, null, null, null, null, JOINED, null, JOINED.plusSeconds(5), 5,
                null, CallOutcome.ABANDONED, null, null, null, null, null, null, null, null, null, null, null, null,
                false, null, null);

        assertThat(call.keypadSpans()).isEmpty();
        assertThat(call.mutedSpans()).isEmpty();
        assertThat(call.toBuilder().build()).isEqualTo(call);
    }

    private static CallRecord call(Instant answered, double endSecond, List<KeypadSpan> keypad, List<MutedSpan> muted) {
        return CallRecord.builder("earshot-lab-1796396917.21", JOINED, JOINED.plusMillis((long) (endSecond * 1000)),
                        answered == null ? CallOutcome.ABANDONED : CallOutcome.ANSWERED)
                .answeredAt(answered).keypadSpans(keypad).mutedSpans(muted).build();
    }

    private static KeypadSpan keypad(Party party, long fromMillis, long toMillis) {
        return new KeypadSpan(party, at(fromMillis), at(toMillis), 4);
    }

    private static Instant at(long millis) {
        return JOINED.plusMillis(millis);
    }
}
