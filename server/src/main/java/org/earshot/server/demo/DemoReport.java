package org.earshot.server.demo;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.earshot.server.demo.DemoCallCenter.Loaded;
import org.earshot.server.demo.DemoCallCenter.Status;

/** The console lines that tell a new user what the demo loaded. */
final class DemoReport {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private DemoReport() {
    }

    static String describe(Loaded loaded, ZoneId zone) {
        if (loaded.status() == Status.REFUSED) {
            return "Earshot demo: not loaded: " + loaded.note() + "\n";
        }
        StringBuilder s = new StringBuilder();
        s.append("Earshot demo ").append(loaded.status() == Status.GENERATED ? "generated" : "already here, reused")
                .append(String.format(Locale.ENGLISH, ": %,d calls from %s to %s (%s), queues %s, %d agents%n",
                        loaded.calls(), DAY.format(loaded.from().atZone(zone)), DAY_TIME.format(loaded.to().atZone(zone)),
                        zone.getId(), String.join(", ", loaded.queues()), loaded.agents().size()));
        s.append(String.format(Locale.ENGLISH, "  %,d answered, %,d abandoned, %,d surveys, %,d repeat callers%n",
                loaded.answered(), loaded.abandoned(), loaded.surveys(), loaded.repeatCallers()));
        if (loaded.recordingsSkipped() != null) {
            s.append("  Recordings skipped: ").append(loaded.recordingsSkipped())
                    .append("; then start again: the recordings are added to this demo\n");
        } else if (loaded.status() == Status.GENERATED) {
            s.append("  ").append(loaded.recordedCallIds().size())
                    .append(" recorded calls queued for analysis: transcripts, flags and sentiment appear as the workers finish\n");
        } else {
            s.append("  ").append(loaded.recordedCallIds().size()).append(" recorded calls\n");
        }
        return s.toString();
    }
}
