package org.earshot.speech;

import java.util.List;
import java.util.Map;

/**
 * The SPEC's call analysis report. Times are seconds from the start of the recording. A field that
 * was not measured is null (and left out of the JSON), never zero.
 *
 * @param file              the recording's file name
 * @param durationSeconds   length of the recording
 * @param channels          channel name ("left", "right", or "mono") to party key ("customer", "agent", "mixed")
 * @param parties           per-party metrics keyed "customer" / "agent"; empty for a mono recording
 * @param overlaps          both parties speaking at once, in time order; null for mono
 * @param overlapsPerMinute overlaps per minute of recording; null for mono
 * @param deadAir           gaps of 3 s or more with no speech on any channel
 * @param silenceRatio      share of the recording with no speech on any channel
 * @param agentTalkRatio    agent talk / (agent + customer talk); null for mono
 * @param sentiment         call-level sentiment, or null while not computed (no speech); on a mono recording
 *                          from the words alone, flagging only {@code escalation} and {@code long-dead-air}
 * @param transcript        recognised speech, one segment per talk spurt, in time order
 * @param timeline          sentiment per window, or null while not computed; null for mono (it is per party)
 * @param notes             what could not be measured and why (e.g. "mono recording: ...", "truncated: ...")
 * @param cues              why the sentiment is what it is: the words, prosody and behaviour that moved
 *                          it, in time order; null while not computed
 * @param redactions        card data taken out of the transcript (and to be silenced in the audio), in time
 *                          order; always present, empty when there was none or redaction is off
 * @param muted             spans the PBX muted the recording (MixMonitorMute), per party; never dead air;
 *                          always present
 */
public record AnalysisReport(
        String file,
        double durationSeconds,
        Map<String, String> channels,
        Map<String, PartyMetrics> parties,
        List<Overlap> overlaps,
        Double overlapsPerMinute,
        List<Span> deadAir,
        Double silenceRatio,
        Double agentTalkRatio,
        CallSentiment sentiment,
        List<TranscriptSegment> transcript,
        List<TimelineWindow> timeline,
        List<String> notes,
        List<Cue> cues,
        List<Redaction> redactions,
        List<Muted> muted) {

    public AnalysisReport {
        // a report stored before redaction existed reads back with none
        redactions = redactions == null ? List.of() : List.copyOf(redactions);
        muted = muted == null ? List.of() : List.copyOf(muted);
    }

    /** A report without redactions or muted spans. */
    public AnalysisReport(String file, double durationSeconds, Map<String, String> channels,
                          Map<String, PartyMetrics> parties, List<Overlap> overlaps, Double overlapsPerMinute,
                          List<Span> deadAir, Double silenceRatio, Double agentTalkRatio, CallSentiment sentiment,
                          List<TranscriptSegment> transcript, List<TimelineWindow> timeline, List<String> notes,
                          List<Cue> cues) {
        this(file, durationSeconds, channels, parties, overlaps, overlapsPerMinute, deadAir, silenceRatio,
                agentTalkRatio, sentiment, transcript, timeline, notes, cues, List.of(), List.of());
    }

    /**
     * Per-party metrics. Null means not measured. {@code spurts} are the party's talk spurts (SPEC:
     * 10 ms voice-activity frames, pauses under 300 ms bridged, spurts under 100 ms dropped).
     */
    public record PartyMetrics(
            Double talkSeconds,
            Double wordsPerMinute,
            Double syllablesPerSecond,
            Double pitchMedianHz,
            Double pitchSdSemitones,
            Double pitchRangeSemitones,
            Double intonationShiftsPerMinute,
            Double loudnessDb,
            Integer interruptions,
            Integer backchannels,
            Double sentiment,
            List<Span> spurts) {
    }

    /** Party {@code by} started speaking while the other was speaking; kind is "interruption" or "backchannel". */
    public record Overlap(double start, double end, String by, String kind) {
    }

    /** A stretch of the recording. */
    public record Span(double start, double end) {
    }

    /** Call-level sentiment: score in [-1, 1], label negative / neutral / positive, and flags. */
    public record CallSentiment(double score, String label, List<String> flags) {
    }

    /** One talk spurt's recognised words. */
    public record TranscriptSegment(String party, double start, double end, String text, List<Word> words) {
    }

    /** One recognised word with its time and the recogniser's confidence in [0, 1]. */
    public record Word(String word, double start, double end, double confidence) {
    }

    /**
     * One piece of evidence behind the sentiment: a loaded word, prosody above the speaker's own
     * baseline, an interruption, long dead air. {@code party} is null for the call as a whole, and
     * "mixed" for a word on a mono recording; {@code effect} is its signed push on the party's score
     * (on mono, the call's score; negative = towards negative).
     */
    public record Cue(String party, String kind, double start, double end, double effect, String text) {
    }

    /**
     * Card data taken out of the call: {@code party} gave it ("customer", "agent", "mixed" on mono),
     * {@code kind} is "card-number", "security-code", "expiry" or "keypad-digits"; {@code start}..{@code end}
     * (seconds, padded) is silenced in the stored recording, on the party's channel (both for keypad digits).
     * The transcript holds one marker word there: "[card number]", "[security code]", "[expiry]",
     * "[keypad digits]".
     */
    public record Redaction(String party, String kind, double start, double end) {
    }

    /** The PBX muted {@code party}'s side of the recording from {@code start} to {@code end} (seconds). */
    public record Muted(String party, double start, double end) {
    }

    /** Per window: each party's sentiment and median pitch (null where not measured, e.g. no voiced speech). */
    public record TimelineWindow(double start, double end, Double customerSentiment, Double agentSentiment,
                                 Double customerPitchHz, Double agentPitchHz) {

        public TimelineWindow(double start, double end, Double customerSentiment, Double agentSentiment) {
            this(start, end, customerSentiment, agentSentiment, null, null);
        }

        public TimelineWindow withPitch(Double customerPitchHz, Double agentPitchHz) {
            return new TimelineWindow(start, end, customerSentiment, agentSentiment, customerPitchHz, agentPitchHz);
        }
    }
}
