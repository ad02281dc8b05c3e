package org.earshot.telephony.agi;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.earshot.telephony.AgiSettings;
import org.earshot.telephony.QueueRouting;
import org.earshot.telephony.SurveySettings;

/** Settings for tests: loopback, any free port, short timeouts. */
final class Agi {
    private Agi() {
    }

    static AgiSettings settings(ZoneId zone, QueueRouting... queues) {
        Map<String, QueueRouting> byName = new java.util.HashMap<>();
        for (QueueRouting q : queues) {
            byName.put(q.queue(), q);
        }
        return new AgiSettings("127.0.0.1", 0, 4, Duration.ofSeconds(5), zone, byName, SurveySettings.DEFAULTS);
    }
}
