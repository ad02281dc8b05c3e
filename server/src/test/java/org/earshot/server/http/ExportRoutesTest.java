package org.earshot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.earshot.server.Earshot;
import org.earshot.server.EarshotConfig;
import org.earshot.server.Json;
import org.earshot.server.kpi.KpiDefinitions;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.Database;
import org.earshot.server.testing.TestStores;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.CallSentiment;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.AnalysisReport.Word;
import org.earshot.speech.ChannelRoles;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.WrapUpRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's exports over real HTTP: a stored, analysed call's transcript as text, WebVTT and JSON, and the calls a
 * search finds as CSV, the same calls as GET /api/calls, quoted so that commas, quotes and formulas survive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportRoutesTest {

    private static final String PASSWORD = "a-long-test-password";
    private static final String CALL = "1795393091.5";
    private static final String NOT_ANALYSED = "1795393091.6";
    private static final String HOSTILE = "1795393091.7";
    private static final String HOSTILE_QUEUE = "sales, \"east\"";
    private static final String FORMULA_AGENT = "=HYPERLINK(\"http://x\",\"y\")";
    private static final int OTHER_CALLS = 25;
    // The agent's long spurt: 20 words a third of a second apart, 6.7 s in all.
    private static final List<Word> LONG_SPURT = IntStream.range(0, 20)
            .mapToObj(i -> new Word("word" + i, 10.0 + i / 3.0, 10.0 + i / 3.0 + 0.3, 0.9)).toList();

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AnalysisReport report = report();
    private Earshot earshot;
    private String base;
    private String token;

    @BeforeAll
    void startANodeWithAnAnalysedCallAndCallsToSearch(@TempDir Path dir) throws Exception {
        EarshotConfig config = new EarshotConfig(0, dir.resolve("data"), null, null, null, null, null,
                ChannelRoles.CUSTOMER_AGENT, null, 1, PASSWORD, Duration.ofSeconds(60), KpiDefinitions.DEFAULTS,
                WrapUpRule.DEFAULT, null);
        Instant at = Instant.now().minus(3, ChronoUnit.HOURS);
        try (Database db = Database.open(config.jdbcUrl(), null, null)) {
            CallStore calls = TestStores.calls(db);
            calls.save(call(CALL, at, "support", "Alice", "5550100"));
            calls.save(call(NOT_ANALYSED, at.plusSeconds(60), "support", "Alice", "5550101"));
            calls.save(call(HOSTILE, at.plusSeconds(120), HOSTILE_QUEUE, FORMULA_AGENT, "+1 404-555-0149"));
            for (int i = 0; i < OTHER_CALLS; i++) {
                calls.save(call("1795393100." + i, at.plusSeconds(200 + i * 30L), i % 2 == 0 ? "support" : "billing", "Bob",
                        "55502" + i));
            }
            calls.saveAnalysis(CALL, report, Instant.now());
        }
        earshot = Earshot.wire(config, Clock.systemUTC(), Earshot.Role.SERVE);
        earshot.start();
        base = "http://127.0.0.1:" + earshot.httpPort();
        HttpResponse<String> login = send("/api/login", json.writeValueAsString(Map.of("username", "admin",
                "password", PASSWORD)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        token = json.readTree(login.body()).get("token").asText();
        awaitIndexCaughtUp();
    }

    @AfterAll
    void stop() {
        if (earshot != null) {
            earshot.close();
        }
    }

    // ---------------------------------------------------------------- transcript

    @Test
    void jsonIsTheTranscriptPartOfTheReportInTimeOrderAndTheDefault() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + CALL + "/transcript");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("id").asText()).isEqualTo(CALL);
        List<TranscriptSegment> inTimeOrder = report.transcript().stream()
                .sorted(java.util.Comparator.comparingDouble(TranscriptSegment::start)).toList();
        assertThat(body.get("transcript")).isEqualTo(json.readTree(Json.newMapper().writeValueAsString(inTimeOrder)));
        assertThat(json.readTree(get("/api/calls/" + CALL + "/transcript?format=json").body())).isEqualTo(body);
    }

    @Test
    void textIsOneLinePerUtteranceWithTimeAndParty() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + CALL + "/transcript?format=txt");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"call-" + CALL + ".txt\"");
        assertThat(response.body().split("\n")).containsExactly(
                "[00:01] Agent: thank you for calling",
                "[00:04] Customer: I want a refund & <now>",
                "[00:10] Agent: " + String.join(" ", LONG_SPURT.stream().map(Word::word).toList()),
                "[01:05] Customer: goodbye then");
    }

    @Test
    void webVttHasTheHeaderTimedCuesAndPartiesAsVoices() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + CALL + "/transcript?format=vtt");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/vtt; charset=utf-8");
        List<Cue> cues = parseVtt(response.body());
        assertThat(cues).extracting(Cue::voice).containsExactly("Agent", "Customer", "Agent", "Agent", "Customer");
        // Cue times are the words' times: the first cue runs from "thank" to "calling".
        assertThat(cues.get(0)).isEqualTo(new Cue(1.0, 2.4, "Agent", "thank you for calling"));
        // Text is escaped as WebVTT requires: no raw '&' or '<' in a cue.
        assertThat(cues.get(1).text()).isEqualTo("I want a refund &amp; &lt;now&gt;");
        // The 20-word spurt is cut at word boundaries into cues of at most 16 words, the words in order.
        assertThat(cues.get(2).text().split(" ")).hasSize(16);
        assertThat(cues.get(2).text() + " " + cues.get(3).text())
                .isEqualTo(String.join(" ", LONG_SPURT.stream().map(Word::word).toList()));
        assertThat(cues.get(2).start()).isEqualTo(LONG_SPURT.get(0).start(), org.assertj.core.data.Offset.offset(0.001));
        assertThat(cues.get(3).end()).isEqualTo(LONG_SPURT.get(19).end(), org.assertj.core.data.Offset.offset(0.001));
        // A segment the recogniser gave no word times for spans the segment.
        assertThat(cues.get(4)).isEqualTo(new Cue(65.0, 66.5, "Customer", "goodbye then"));
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).start()).as("cues in time order").isGreaterThanOrEqualTo(cues.get(i - 1).start());
        }
    }

    @Test
    void aCallNotAnalysedYetIsA404ThatSaysWhy() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + NOT_ANALYSED + "/transcript?format=vtt");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("has no analysis");
        assertThat(get("/api/calls/no-such-call/transcript").statusCode()).isEqualTo(404);
    }

    @Test
    void aFormatOtherThanTxtVttOrJsonIsA400NamingIt() throws Exception {
        HttpResponse<String> response = get("/api/calls/" + CALL + "/transcript?format=pdf");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("'pdf'").contains("txt");
    }

    @Test
    void readingATranscriptIsAuditedAsTheCallOpened() throws Exception {
        get("/api/calls/" + CALL + "/transcript?format=vtt");

        JsonNode audit = json.readTree(get("/api/audit?action=call-opened&target=" + CALL).body());
        assertThat(audit.get("entries").findValuesAsText("detail")).contains("transcript as vtt");
    }

    // ---------------------------------------------------------------- calls.csv

    @Test
    void csvListsTheSameCallsAsTheSearchForTheSameParameters() throws Exception {
        for (String query : List.of("", "queue=support", "queue=support&queue=billing&sort=date", "agent=Bob&sort=-duration",
                "outcome=answered&minDuration=0")) {
            List<String> searched = new ArrayList<>();
            for (int page = 0; ; page++) {
                JsonNode hits = json.readTree(get("/api/calls?size=7&page=" + page + (query.isEmpty() ? "" : "&" + query))
                        .body()).get("hits");
                hits.forEach(hit -> searched.add(hit.get("id").asText()));
                if (hits.size() < 7) {
                    break;
                }
            }
            HttpResponse<String> csv = get("/api/calls.csv" + (query.isEmpty() ? "" : "?" + query));

            assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
            assertThat(ids(csv.body())).as(query).isNotEmpty().isEqualTo(searched);
            assertThat(csv.headers().firstValue("X-Total-Count")).hasValue(Integer.toString(searched.size()));
        }
    }

    @Test
    void withAPageTheCsvIsThatPageOfTheSearch() throws Exception {
        JsonNode page = json.readTree(get("/api/calls?size=5&page=2&sort=date").body());

        HttpResponse<String> csv = get("/api/calls.csv?size=5&page=2&sort=date");

        assertThat(ids(csv.body())).containsExactlyElementsOf(page.get("hits").findValuesAsText("id"));
        assertThat(csv.headers().firstValue("X-Total-Count")).hasValue(page.get("total").asText());
    }

    @Test
    void aKpiFiguresCallsAsCsvAreTheCallsItsDrillDownLists() throws Exception {
        String figure = "kpi=offered&from=" + Instant.now().minus(1, ChronoUnit.DAYS) + "&to=" + Instant.now().plusSeconds(60);
        JsonNode listed = json.readTree(get("/api/calls?size=100&" + figure).body());

        HttpResponse<String> csv = get("/api/calls.csv?" + figure);

        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(ids(csv.body())).isNotEmpty().containsExactlyElementsOf(listed.get("hits").findValuesAsText("id"));
    }

    @Test
    void csvCellsRoundTripWithCommasQuotesAndFormulasMadeInert() throws Exception {
        HttpResponse<String> response = get("/api/calls.csv?queue=" + URLEncoder.encode(HOSTILE_QUEUE, StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"calls.csv\"");
        assertThat(response.body()).endsWith("\r\n");
        List<List<String>> rows = parseCsv(response.body());
        assertThat(rows.get(0)).containsExactly("id", "startedAt", "durationSeconds", "caller", "queue", "agent", "outcome",
                "waitSeconds", "talkSeconds", "holdSeconds", "sentiment", "flags");
        assertThat(rows).hasSize(2);
        List<String> row = rows.get(1);
        assertThat(row.get(0)).isEqualTo(HOSTILE);
        assertThat(row.get(3)).as("a leading + is a formula to a spreadsheet").isEqualTo("'+1 404-555-0149");
        assertThat(row.get(4)).isEqualTo(HOSTILE_QUEUE);
        assertThat(row.get(5)).isEqualTo("'" + FORMULA_AGENT);
        assertThat(row.get(2)).isEqualTo("20");
        assertThat(row.get(7)).isEqualTo("5");
        assertThat(row.get(8)).isEqualTo("15");
    }

    @Test
    void theAnalysedCallsRowCarriesItsSentimentAndFlags() throws Exception {
        List<List<String>> rows = parseCsv(get("/api/calls.csv?flag=escalation").body());

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(0)).isEqualTo(CALL);
        assertThat(rows.get(1).get(10)).isEqualTo("-0.4");
        assertThat(rows.get(1).get(11)).isEqualTo("escalation;long-dead-air");
    }

    @Test
    void aBadSearchParameterIsA400LikeTheSearchs() throws Exception {
        HttpResponse<String> response = get("/api/calls.csv?outcome=lost");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("lost");
        assertThat(get("/api/calls.csv?pgae=1").statusCode()).isEqualTo(400);
    }

    @Test
    void anExportIsAudited() throws Exception {
        get("/api/calls.csv?queue=billing");

        JsonNode audit = json.readTree(get("/api/audit?action=calls-exported").body());
        assertThat(audit.get("entries").findValuesAsText("detail")).anySatisfy(detail ->
                assertThat(detail).contains("queue=billing").contains("as CSV"));
    }

    // ---------------------------------------------------------------- helpers

    record Cue(double start, double end, String voice, String text) {
    }

    private static final Pattern TIMING = Pattern.compile(
            "(\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3}) --> (\\d{2,}):([0-5]\\d):([0-5]\\d)\\.(\\d{3})");
    private static final Pattern VOICE = Pattern.compile("<v ([^>]+)>(.*)");

    /** WebVTT as a player reads it: the signature line, then blank-line separated cues of id, timing and payload. */
    private static List<Cue> parseVtt(String body) {
        assertThat(body).startsWith("WEBVTT\n");
        String[] blocks = body.substring("WEBVTT\n".length()).split("\n\n");
        List<Cue> cues = new ArrayList<>();
        for (String block : blocks) {
            if (block.isBlank()) {
                continue;
            }
            String[] lines = block.strip().split("\n");
            assertThat(lines).as(block).hasSize(3);
            assertThat(lines[0]).as("cue id").matches("\\d+").doesNotContain("-->");
            Matcher timing = TIMING.matcher(lines[1]);
            assertThat(timing.matches()).as("cue timing: %s", lines[1]).isTrue();
            double start = seconds(timing, 1);
            double end = seconds(timing, 5);
            assertThat(end).as(lines[1]).isGreaterThan(start);
            Matcher voice = VOICE.matcher(lines[2]);
            assertThat(voice.matches()).as("voice span: %s", lines[2]).isTrue();
            assertThat(voice.group(2)).doesNotContain("<", "-->");
            cues.add(new Cue(start, end, voice.group(1), voice.group(2)));
        }
        return cues;
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }

    /** RFC 4180: fields separated by commas, rows by CRLF; a quoted field may hold commas, CRLF and doubled quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field).as("a quote opens a field only at its start").isEmpty();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("a bare line feed or carriage return outside quotes").isNotIn('\n', '\r');
                field.append(c);
            }
        }
        assertThat(quoted).as("every quote closed").isFalse();
        assertThat(row).as("the last row ends with CRLF").isEmpty();
        return rows;
    }

    private static List<String> ids(String csv) {
        return parseCsv(csv).stream().skip(1).map(r -> r.get(0)).toList();
    }

    private void awaitIndexCaughtUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode health = json.readTree(get("/api/health").body());
            if (health.at("/index/pendingChanges").asLong(-1) == 0) {
                return;
            }
            assertThat(System.nanoTime()).as("index caught up within a minute: " + health).isLessThan(deadline);
            Thread.sleep(50); // polling the public signal, as ServeDemoIT does
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CallRecord call(String id, Instant at, String queue, String agent, String caller) {
        return CallRecord.builder(id, at, at.plusSeconds(20), CallOutcome.ANSWERED).linkedId(id).caller(caller)
                .queue(queue).agent(agent).answeredAt(at.plusSeconds(5)).waitSeconds(5).talkSeconds(15.0)
                .recordingFile("/var/spool/asterisk/monitor/" + id + ".raw").build();
    }

    /** Two parties, a long spurt and a segment without word times; stored out of order to prove the sort. */
    private static AnalysisReport report() {
        List<TranscriptSegment> transcript = List.of(
                new TranscriptSegment("customer", 4.2, 6.0, "I want a refund & <now>", List.of(
                        new Word("I", 4.2, 4.3, 0.9), new Word("want", 4.3, 4.6, 0.9), new Word("a", 4.6, 4.7, 0.9),
                        new Word("refund", 4.7, 5.2, 0.9), new Word("&", 5.2, 5.3, 0.4), new Word("<now>", 5.3, 6.0, 0.9))),
                new TranscriptSegment("agent", 1.0, 2.4, "thank you for calling", List.of(
                        new Word("thank", 1.0, 1.3, 0.97), new Word("you", 1.3, 1.5, 0.95), new Word("for", 1.5, 1.8, 0.9),
                        new Word("calling", 1.8, 2.4, 0.9))),
                new TranscriptSegment("agent", 10.0, 16.7, String.join(" ", LONG_SPURT.stream().map(Word::word).toList()),
                        LONG_SPURT),
                new TranscriptSegment("customer", 65.0, 66.5, "goodbye  then", List.of()));
        return new AnalysisReport(CALL + ".raw", 70.0, Map.of("left", "customer", "right", "agent"), Map.of(),
                null, null, List.of(), 0.1, 0.5, new CallSentiment(-0.4, "negative", List.of("escalation", "long-dead-air")),
                transcript, null, List.of(), null);
    }
}
