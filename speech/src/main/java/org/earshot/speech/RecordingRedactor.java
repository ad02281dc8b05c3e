package org.earshot.speech;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.earshot.speech.AnalysisReport.Redaction;
import org.earshot.speech.audio.RecordingSilencer;
import org.earshot.speech.audio.RecordingSilencer.ChannelSpan;
import org.earshot.speech.redact.Finding;

/**
 * Silences a report's {@link AnalysisReport#redactions()} in the recording it was made from. Spoken
 * card data is silenced on the channel of the party who said it, keypad digits on both channels (the
 * tones leak into the other side's echo); a mono recording is silenced as a whole. The file is
 * rewritten in place, atomically, and the original is not kept (see {@link RecordingSilencer}).
 *
 * <pre>{@code
 * AnalysisReport report = analyzer.analyze(file);
 * RecordingRedactor.silence(file, report.redactions(), roles);
 * }</pre>
 *
 * Silence is digital silence: exact zeros for 16-bit PCM (MixMonitor {@code .raw}, WAV), the codec's
 * zero for µ-law, its smallest step for A-law. No bleep: a listener hears a gap where a redaction is,
 * and the timeline shows why.
 */
public final class RecordingRedactor {

    private RecordingRedactor() {
    }

    /**
     * @param roles the parties on the left and right channel, as given to the analysis (ignored for mono)
     * @throws AudioFormatException if {@code file} is not a recording Earshot reads
     */
    public static void silence(Path file, List<Redaction> redactions, ChannelRoles roles) throws IOException {
        List<ChannelSpan> spans = new ArrayList<>();
        for (Redaction r : redactions) {
            for (int channel : channels(r, roles)) {
                spans.add(new ChannelSpan(channel, r.start(), r.end()));
            }
        }
        RecordingSilencer.silence(file, spans);
    }

    private static List<Integer> channels(Redaction r, ChannelRoles roles) {
        if (r.party().equals("mixed")) {
            return List.of(0);
        }
        if (r.kind().equals(Finding.KEYPAD_DIGITS)) {
            return List.of(0, 1);
        }
        return List.of(roles.left().key().equals(r.party()) ? 0 : 1);
    }
}
