package org.earshot.telephony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.earshot.telephony.testing.AmiCapture;

/** The per-call facts measured from the real Asterisk session (expected-facts.json), as tests need them. */
record ExpectedFacts(String scenario, String callerUniqueId, String linkedId, String caller, String queue,
                     String agent, CallOutcome outcome, double waitSeconds, Double talkSeconds) {

    /** Every queued call of ami-session-01, in order (S8b never reached a queue and has no outcome). */
    static List<ExpectedFacts> queuedCalls() {
        try (InputStream in = ExpectedFacts.class.getResourceAsStream(AmiCapture.EXPECTED_FACTS)) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<ExpectedFacts> calls = new ArrayList<>();
            for (JsonNode call : root.get("calls")) {
                if (call.hasNonNull("outcome")) {
                    calls.add(new ExpectedFacts(call.get("scenario").asText(), call.get("caller_uniqueid").asText(),
                            call.get("linkedid").asText(), call.get("callerid").asText(), call.get("queue").asText(),
                            call.hasNonNull("agent") ? call.get("agent").asText() : null,
                            CallOutcome.fromKey(call.get("outcome").asText()), call.get("wait_s").asDouble(),
                            call.hasNonNull("talk_s") ? call.get("talk_s").asDouble() : null));
                }
            }
            return List.copyOf(calls);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + AmiCapture.EXPECTED_FACTS, e);
        }
    }
}
