package org.earshot.speech.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.Party;
import org.earshot.speech.audio.Recording;
import org.earshot.speech.turns.Overlaps;
import org.earshot.speech.turns.Turns;
import org.earshot.speech.vad.Spurt;

/**
 * Builds the report: per-party metrics from spurts, overlaps and words; call-level ratios. Metrics
 * no stage measured yet (pitch, syllable rate, loudness, sentiment, timeline) stay null.
 */
public final class ReportBuilder {

    public static final String MIXED = "mixed";
    static final String MONO_NOTE = "mono recording: the parties cannot be told apart, so per-party metrics,"
            + " overlaps and the agent talk ratio are not measured";
    private static final List<String> STEREO_CHANNELS = List.of("left", "right");

    private ReportBuilder() {
    }

    /** {@code parties.get(i)} is the party key of channel i ("mixed" for mono). */
    public static AnalysisReport build(Recording rec, List<String> parties, List<List<Spurt>> speech, Turns turns,
                                       List<TranscriptSegment> transcript) {
        double duration = rec.durationSeconds();
        List<String> notes = new ArrayList<>();
        Map<String, String> channels = new LinkedHashMap<>();
        Map<String, PartyMetrics> metrics = new LinkedHashMap<>();
        if (rec.isMono()) {
            channels.put("mono", MIXED);
            notes.add(MONO_NOTE);
        } else {
            for (int c = 0; c < parties.size(); c++) {
                String party = parties.get(c);
                channels.put(STEREO_CHANNELS.get(c), party);
                metrics.put(party, partyMetrics(party, speech.get(c), turns.overlaps(), transcript));
                if (speech.get(c).isEmpty()) {
                    notes.add("no speech found on the " + STEREO_CHANNELS.get(c) + " channel (" + party + ")");
                }
            }
        }
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
                null,
                List.copyOf(transcript),
                null,
                List.copyOf(notes));
    }

    private static PartyMetrics partyMetrics(String party, List<Spurt> spurts, List<Overlap> overlaps,
                                             List<TranscriptSegment> transcript) {
        double talk = spurts.stream().mapToDouble(Spurt::seconds).sum();
        long words = transcript.stream().filter(s -> s.party().equals(party)).mapToLong(s -> s.words().size()).sum();
        Double wordsPerMinute = talk > 0 ? round(words / (talk / 60), 10) : null;
        return new PartyMetrics(round(talk, 100), wordsPerMinute, null, null, null, null, null, null,
                count(overlaps, party, Overlaps.INTERRUPTION), count(overlaps, party, Overlaps.BACKCHANNEL), null);
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

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
