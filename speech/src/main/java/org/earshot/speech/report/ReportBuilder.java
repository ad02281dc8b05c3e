package org.earshot.speech.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.Party;
import org.earshot.speech.audio.Clipping;
import org.earshot.speech.audio.Recording;
import org.earshot.speech.prosody.PartyProsody;
import org.earshot.speech.sentiment.SentimentResult;
import org.earshot.speech.turns.Overlaps;
import org.earshot.speech.turns.Turns;
import org.earshot.speech.vad.Spurt;

/**
 * Builds the report: per-party metrics from spurts, prosody, overlaps, words and sentiment;
 * call-level ratios; notes on what could not be measured. Numbers are rounded to what they can
 * honestly resolve (10 ms frames, 0.1 dB, 0.1 Hz).
 */
public final class ReportBuilder {

    public static final String MIXED = "mixed";
    static final String MONO_NOTE = "mono recording: the parties cannot be told apart, so per-party metrics,"
            + " overlaps, the agent talk ratio, per-party sentiment and the sentiment timeline are not measured;"
            + " the call's sentiment is from its words alone, without prosody (on one mixed channel pitch and"
            + " loudness change with who is speaking, not only with how)";
    static final String NO_SPEECH_NOTE = "no speech found in the recording: talk, pitch, rate, loudness and"
            + " sentiment are not measured";
    private static final List<String> STEREO_CHANNELS = List.of("left", "right");

    private ReportBuilder() {
    }

    /**
     * {@code parties.get(i)} is the party key of channel i ("mixed" for mono); for mono,
     * {@code sentiment} holds the call's score, flags and cues only. {@code transcript} is already
     * redacted ({@code redactions} say where).
     */
    public static AnalysisReport build(Recording rec, List<String> parties, List<List<Spurt>> speech, Turns turns,
                                       List<PartyProsody> prosody, List<TranscriptSegment> transcript,
                                       SentimentResult sentiment, List<AnalysisReport.Redaction> redactions,
                                       List<AnalysisReport.Muted> muted) {
        double duration = rec.durationSeconds();
        List<String> notes = new ArrayList<>(rec.notes()); // what the reader worked around, e.g. a file cut short
        Map<String, String> channels = new LinkedHashMap<>();
        Map<String, PartyMetrics> metrics = new LinkedHashMap<>();
        if (rec.isMono()) {
            channels.put("mono", MIXED);
            notes.add(MONO_NOTE);
        } else {
            for (int c = 0; c < parties.size(); c++) {
                String party = parties.get(c);
                channels.put(STEREO_CHANNELS.get(c), party);
                metrics.put(party, partyMetrics(party, speech.get(c), prosody.get(c), turns.overlaps(), transcript,
                        sentiment.parties().get(party)));
                if (speech.get(c).isEmpty()) {
                    notes.add("no speech found on the " + STEREO_CHANNELS.get(c) + " channel (" + party + ")");
                }
            }
        }
        if (speech.stream().allMatch(List::isEmpty)) {
            notes.add(NO_SPEECH_NOTE);
        }
        notes.addAll(clippingNotes(rec, parties));
        List<Overlap> overlaps = turns.overlaps();
        return new AnalysisReport(
                rec.file().getFileName().toString(),
                round(duration, 100),
                Collections.unmodifiableMap(channels),
                Collections.unmodifiableMap(metrics),
                overlaps,
                overlaps == null ? null : round(overlaps.size() / minutes(duration), 100),
                turns.silence().deadAir(),
                round(turns.silence().silenceRatio(duration), 1000),
                rec.isMono() ? null : agentTalkRatio(metrics),
                sentiment == null ? null : sentiment.call(),
                List.copyOf(transcript),
                // the timeline is per party: a mono call has none to show
                sentiment == null || sentiment.call() == null || rec.isMono() ? null
                        : withPitch(sentiment.timeline(), parties, prosody),
                List.copyOf(notes),
                sentiment == null || sentiment.call() == null ? null : sentiment.cues(),
                redactions,
                muted);
    }

    /** Adds each party's median pitch per window, so a reviewer sees the voice rise where the call turned. */
    private static List<AnalysisReport.TimelineWindow> withPitch(List<AnalysisReport.TimelineWindow> timeline,
                                                                 List<String> parties, List<PartyProsody> prosody) {
        List<AnalysisReport.TimelineWindow> out = new ArrayList<>(timeline.size());
        for (AnalysisReport.TimelineWindow w : timeline) {
            Double customer = null;
            Double agent = null;
            for (int c = 0; c < parties.size(); c++) {
                // 10 ms frames, as everywhere in the prosody stage.
                double hz = prosody.get(c).pitchMedianHz((int) Math.round(w.start() * 100), (int) Math.round(w.end() * 100));
                Double value = Double.isNaN(hz) ? null : round(hz, 10);
                if (parties.get(c).equals(Party.CUSTOMER.key())) {
                    customer = value;
                } else if (parties.get(c).equals(Party.AGENT.key())) {
                    agent = value;
                }
            }
            out.add(w.withPitch(customer, agent));
        }
        return List.copyOf(out);
    }

    private static PartyMetrics partyMetrics(String party, List<Spurt> spurts, PartyProsody prosody,
                                             List<Overlap> overlaps, List<TranscriptSegment> transcript,
                                             Double sentiment) {
        double talk = spurts.stream().mapToDouble(Spurt::seconds).sum();
        long words = transcript.stream().filter(s -> s.party().equals(party)).mapToLong(s -> s.words().size()).sum();
        Double wordsPerMinute = talk > 0 ? round(words / (talk / 60), 10) : null;
        return new PartyMetrics(round(talk, 100), wordsPerMinute,
                round(prosody.syllablesPerSecond(), 100),
                round(prosody.pitchMedianHz(), 10),
                round(prosody.pitchSdSemitones(), 100),
                round(prosody.pitchRangeSemitones(), 100),
                round(prosody.intonationShiftsPerMinute(), 10),
                round(prosody.loudnessDb(), 10),
                count(overlaps, party, Overlaps.INTERRUPTION), count(overlaps, party, Overlaps.BACKCHANNEL),
                sentiment,
                spurts.stream().map(s -> new Span(s.start(), s.end())).toList());
    }

    private static List<String> clippingNotes(Recording rec, List<String> parties) {
        List<String> notes = new ArrayList<>();
        for (int c = 0; c < rec.channelCount(); c++) {
            double share = Clipping.share(rec.channel(c));
            if (share >= Clipping.NOTABLE_SHARE) {
                String channel = rec.isMono() ? "mono" : STEREO_CHANNELS.get(c) + " channel (" + parties.get(c) + ")";
                notes.add(String.format(Locale.ROOT, "clipping: %.1f %% of the samples on the %s are at full scale;"
                        + " loudness reads low and pitch may be less reliable there", 100 * share, channel));
            }
        }
        return notes;
    }

    private static int count(List<Overlap> overlaps, String party, String kind) {
        return (int) overlaps.stream().filter(o -> o.by().equals(party) && o.kind().equals(kind)).count();
    }

    private static Double agentTalkRatio(Map<String, PartyMetrics> metrics) {
        double agent = metrics.get(Party.AGENT.key()).talkSeconds();
        double customer = metrics.get(Party.CUSTOMER.key()).talkSeconds();
        return agent + customer > 0 ? round(agent / (agent + customer), 1000) : null;
    }

    private static double minutes(double seconds) {
        return Math.max(seconds, 1e-9) / 60;
    }

    private static Double round(Double value, int scale) {
        return value == null || value.isNaN() ? null : round((double) value, scale);
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
