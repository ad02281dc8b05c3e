package org.earshot.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.earshot.speech.AnalysisReport.CallSentiment;
import org.earshot.speech.AnalysisReport.Cue;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.AnalysisReport.TimelineWindow;
import org.junit.jupiter.api.Test;

/** The server stores the report as JSON (NON_NULL) and reads it back: the records must survive that. */
class ReportJsonTest {

    @Test
    void aReportWithCuesSpurtsAndNullsSurvivesAJsonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        PartyMetrics customer = new PartyMetrics(11.5, 250.0, 5.1, 180.0, 3.2, 11.0, 9.5, -18.0, 2, 0, -0.6,
                List.of(new Span(2.1, 5.3)));
        PartyMetrics silent = new PartyMetrics(0.0, null, null, null, null, null, null, null, 0, 0, null, List.of());
        AnalysisReport report = new AnalysisReport("h02.wav", 26.9, Map.of("left", "customer", "right", "agent"),
                Map.of("customer", customer, "agent", silent), List.of(), 0.0, List.of(), 0.12, 1.0,
                new CallSentiment(-0.55, "negative", List.of("customer-negative")), List.of(),
                List.of(new TimelineWindow(0, 10, -0.2, null)), List.of(),
                List.of(new Cue(null, "dead-air", 18.7, 30.8, 0, "12.1 s of dead air 18.7–30.8 s")));

        String text = json.writeValueAsString(report);

        assertThat(text).doesNotContain("null").contains("\"spurts\":[{\"start\":2.1,\"end\":5.3}]");
        assertThat(json.readValue(text, AnalysisReport.class)).isEqualTo(report);
    }

    @Test
    void redactionsAndMutedSpansSurviveAJsonRoundTripAndAnOlderReportReadsWithNone() throws Exception {
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        AnalysisReport report = new AnalysisReport("c.raw", 20, Map.of("left", "customer", "right", "agent"), Map.of(),
                List.of(), 0.0, List.of(), 0.5, null, null, List.of(), null, List.of(), null,
                List.of(new AnalysisReport.Redaction("customer", "card-number", 3.5, 9.25)),
                List.of(new AnalysisReport.Muted("agent", 10, 12)));

        String text = json.writeValueAsString(report);

        assertThat(text).contains("\"redactions\":[{\"party\":\"customer\",\"kind\":\"card-number\",\"start\":3.5,\"end\":9.25}]");
        assertThat(json.readValue(text, AnalysisReport.class)).isEqualTo(report);
        String older = text.replaceAll(",\"redactions\":\\[[^\\]]*\\]", "").replaceAll(",\"muted\":\\[[^\\]]*\\]", "");
        assertThat(older).doesNotContain("redactions").doesNotContain("muted");
        AnalysisReport read = json.readValue(older, AnalysisReport.class);
        assertThat(read.redactions()).isEmpty();
        assertThat(read.muted()).isEmpty();
    }
}
