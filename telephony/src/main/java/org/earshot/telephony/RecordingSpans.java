package org.earshot.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places a call's {@link CallRecord#keypadSpans() keypad} and {@link CallRecord#mutedSpans() muted} spans in its
 * recording, in seconds from the recording's first sample, for the analysis to redact and label.
 *
 * <pre>{@code
 * for (RecordingSpan span : RecordingSpans.of(call, samples / 8000.0)) { ... }
 * }</pre>
 *
 * <p><b>Where the recording starts.</b> Earshot's dialplan runs {@code MixMonitor(...,bD)}: option {@code b}
 * records only while the caller is bridged, so the file's first sample is the moment the agent was bridged,
 * which the record has as {@link CallRecord#answeredAt()} ({@code AgentConnect}, 0.7 ms before
 * {@code BridgeEnter} in the lab capture; for a direct call the {@code DialEnd ANSWER}). The spans' instants are on
 * the same clock as that one (Asterisk's {@code Timestamp} header, or our receipt time of the same stream), so the
 * difference holds without {@code timestampevents} too. An unanswered call has no bridged audio: no spans.
 *
 * <p><b>File length.</b> The file normally lasts as long as the bridge (within 40 ms in the lab), and spans are
 * clipped to it. Given the file's real length, a file <em>shorter</em> than the bridge is taken as the skew
 * Asterisk 22 shows after {@code SendDTMF}: from a keypad run on, one channel of the file runs early by the
 * missing time (0.67 s in the lab, where the customer's channel lost it and the file ended 0.67 s short). Not
 * knowing which channel nor exactly when, every span that ends after the first keypad run starts is widened
 * earlier by the shortfall, on either party's channel: it covers both the aligned and the early position, at the
 * price of redacting a little more. A shortfall for another reason (a transfer that took the caller out of the
 * bridge for a while, which MixMonitor's {@code b} leaves out of the file) widens those spans the same way; such
 * calls' later spans cannot be placed exactly from the record alone. No padding is added otherwise: the
 * consumer pads redactions as it does its own.
 */
public final class RecordingSpans {

    private RecordingSpans() {
    }

    /** The instant of the recording's first sample (see the class comment), or null when nobody answered. */
    public static Instant recordingStart(CallRecord call) {
        return call.answeredAt();
    }

    /** The spans in a recording assumed to last the bridged time (answer to end of call). */
    public static List<RecordingSpan> of(CallRecord call) {
        return of(call, null);
    }

    /**
     * The spans in a recording of {@code fileSeconds}, clipped to it; in order of start.
     *
     * @param fileSeconds the recording's real length (samples / rate), or null when not known
     */
    public static List<RecordingSpan> of(CallRecord call, Double fileSeconds) {
        Instant start = recordingStart(call);
        if (start == null) {
            return List.of();
        }
        double bridged = seconds(start, call.endedAt());
        double length = fileSeconds != null ? fileSeconds : bridged;
        double shortfall = fileSeconds != null ? Math.max(0, bridged - fileSeconds) : 0;
        Instant firstKeypad = call.keypadSpans().stream().map(KeypadSpan::start).min(Comparator.naturalOrder())
                .orElse(null);
        List<RecordingSpan> spans = new ArrayList<>();
        for (KeypadSpan keypad : call.keypadSpans()) {
            add(spans, keypad.party(), RecordingSpan.Kind.KEYPAD, start, keypad.start(), keypad.end(), firstKeypad,
                    shortfall, length);
        }
        for (MutedSpan muted : call.mutedSpans()) {
            add(spans, muted.party(), RecordingSpan.Kind.MUTED, start, muted.start(), muted.end(), firstKeypad,
                    shortfall, length);
        }
        spans.sort(Comparator.comparingDouble(RecordingSpan::startSeconds).thenComparing(RecordingSpan::kind)
                .thenComparing(RecordingSpan::party));
        return List.copyOf(spans);
    }

    private static void add(List<RecordingSpan> spans, Party party, RecordingSpan.Kind kind, Instant recordingStart,
                            Instant from, Instant to, Instant firstKeypad, double shortfall, double length) {
        double startSeconds = seconds(recordingStart, from);
        double endSeconds = Math.min(length, seconds(recordingStart, to));
        if (firstKeypad != null && !to.isBefore(firstKeypad)) {
            startSeconds -= shortfall;
        }
        startSeconds = Math.max(0, startSeconds);
        if (endSeconds > startSeconds) { // else wholly before the bridge (an IVR, the queue) or after the file
            spans.add(new RecordingSpan(party, kind, startSeconds, endSeconds));
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
