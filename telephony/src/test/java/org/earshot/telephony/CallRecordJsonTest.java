package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A call record as the server stores it (JSON, with the server's mapper settings): the spans come back, and a
 * record stored before they existed reads back with none.
 */
class CallRecordJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Instant T0 = Instant.parse("2026-12-04T15:08:37Z");

    @Test
    void keypadAndMutedSpansComeBackFromTheStoredJson() throws Exception {
        CallRecord call = CallRecord.builder("earshot-lab-1796396917.21", T0, T0.plusSeconds(24), CallOutcome.ANSWERED)
                .answeredAt(T0.plusSeconds(2))
                .keypadSpans(List.of(new KeypadSpan(Party.CUSTOMER, T0.plusSeconds(4), T0.plusSeconds(9), 16)))
                .mutedSpans(List.of(new MutedSpan(Party.AGENT, T0.plusSeconds(10), T0.plusSeconds(14)))).build();

        String json = JSON.writeValueAsString(call);

        assertThat(JSON.readValue(json, CallRecord.class)).isEqualTo(call);
        assertThat(json).contains("\"keypadSpans\":[{\"party\":\"CUSTOMER\",\"start\":\"2026-12-04T15:08:41Z\","
                + "\"end\":\"2026-12-04T15:08:46Z\",\"digits\":16}]");
    }

    @Test
    void aRecordStoredBeforeSpansExistedReadsBackWithNone() throws Exception {
        CallRecord call = CallRecord.builder("earshot-lab-1796396917.21", T0, T0.plusSeconds(24), CallOutcome.ANSWERED)
                .build();
        String old = JSON.writeValueAsString(call).replace(",\"keypadSpans\":[]", "").replace(",\"mutedSpans\":[]", "");
        assertThat(old).doesNotContain("Spans");

        CallRecord read = JSON.readValue(old, CallRecord.class);

        assertThat(read.keypadSpans()).isEmpty();
        assertThat(read.mutedSpans()).isEmpty();
        assertThat(read).isEqualTo(call);
    }
}
