package org.earshot.speech;

import java.util.List;
import java.util.Objects;

/**
 * What the PBX knows about a call that its recording does not show: when a party pressed keys (AMI
 * {@code DTMFBegin}/{@code DTMFEnd}; out-of-band DTMF leaves no tone in a MixMonitor file) and when
 * the recording was muted (AMI {@code MixMonitorMute}). Times are seconds from the start of the recording.
 *
 * <pre>{@code
 * var hints = new AnalysisHints(
 *         List.of(new AnalysisHints.PartySpan(Party.CUSTOMER, 4.1, 9.6)),   // keys pressed
 *         List.of(new AnalysisHints.PartySpan(Party.CUSTOMER, 3.0, 11.0))); // recording muted
 * AnalysisReport report = analyzer.analyze(file, hints);
 * }</pre>
 *
 * @param keypad spans in which {@code party} pressed keys: each key press or a whole run; presses at most
 *               3 s apart are joined into one {@code keypad-digits} redaction. Never pass the digits.
 * @param muted  spans in which {@code party}'s side of the recording was muted (a mute of both directions
 *               is one span per party): listed in the report's {@code muted}, never dead air
 */
public record AnalysisHints(List<PartySpan> keypad, List<PartySpan> muted) {

    /** No keypad or mute events known. */
    public static final AnalysisHints NONE = new AnalysisHints(List.of(), List.of());

    public AnalysisHints {
        keypad = List.copyOf(keypad);
        muted = List.copyOf(muted);
    }

    /** {@code party} from {@code start} to {@code end} seconds of the recording. */
    public record PartySpan(Party party, double start, double end) {
        public PartySpan {
            Objects.requireNonNull(party, "party");
            if (!(start >= 0) || !(end >= start) || Double.isInfinite(end)) {
                throw new IllegalArgumentException("a span runs forward from 0 s or later, was " + start + ".." + end);
            }
        }
    }
}
