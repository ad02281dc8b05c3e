package org.earshot.speech.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.WordErrors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Asterisk recording written in MixMonitor's 32 KiB steps, followed by the real live analyzer with the
 * real Vosk model. The writer takes its next step only once the analyzer reports it has analysed the last one.
 */
class LiveAnalyzerIT {

    static final Path ASTERISK = Path.of("src/test/resources/asterisk");
    /** Call S6: the customer says "weasels have eaten…", the agent "hello world"; both talk at once. */
    static final Path S6 = ASTERISK.resolve("20261123-002015-5550107-earshot-lab-1795393215.23-stereo.raw");
    /** Call C, 19 s, customer muted 2.98–11.02 s. */
    static final Path CALL_C = ASTERISK.resolve("20261204-150815-5550203-earshot-lab-1796396895.17-stereo.raw");
    static final int STEP = 32 * 1024;

    static CallAnalyzer analyzer;
    static LiveAnalyzer live;

    @TempDir
    Path spool;

    @BeforeAll
    static void open() {
        analyzer = new CallAnalyzer(new SpeechSettings(null, Path.of("target/model-cache"), ChannelRoles.CUSTOMER_AGENT, 2));
        live = analyzer.live(new LiveAnalyzer.Limits(2, 1, Duration.ofMillis(20)));
    }

    @AfterAll
    static void close() {
        live.close();
        analyzer.close();
    }

    /**
     * The same spurts fed the same way give the same words. Only the first second may differ: the live noise
     * floor has no history there (StreamingVoiceActivityTest), and on this call the customer's first spurt
     * starts 0.25 s later live ("the way by monkey" for "away by monkeys"); with it the dither and Vosk's
     * speaker adaptation of later spurts may differ, a word here and there ("eden" for "eaten").
     */
    @Test
    void afterTheFirstSecondFinalLiveSegmentsAreThePostCallTranscriptWithinATenthOfItsWords() throws Exception {
        Recorded r = follow(CALL_C, spool.resolve("c-stereo.raw"));
        AnalysisReport report = analyzer.analyze(CALL_C);

        for (String party : List.of("customer", "agent")) {
            String post = postCallText(report, party, 1.0);
            String live = r.finalText(party, 1.0);
            assertThat(WordErrors.words(post)).as(party).isNotEmpty();
            assertThat(WordErrors.count(post, live)).as("%s: live %s / post-call %s", party, live, post)
                    .isLessThanOrEqualTo(WordErrors.words(post).size() / 10);
        }
        assertThat(r.finalText("customer")).isNotEmpty();
        assertThat(r.finalText("agent")).isNotEmpty();
    }

    @Test
    void partialsComeBeforeTheirSpurtsFinalAndEverySegmentHasRecordingTimes() throws Exception {
        Recorded r = follow(S6, spool.resolve("s6-stereo.raw"));

        assertThat(r.segments).anyMatch(s -> !s.isFinal());
        assertThat(r.finalText("agent")).contains("hello world");
        assertThat(r.finalText("customer")).contains("weasels");
        for (LiveSegment s : r.segments) {
            assertThat(s.end()).isGreaterThan(s.start());
            assertThat(s.end()).isLessThanOrEqualTo(Files.size(S6) / 32000.0 + 0.01);
        }
    }

    @Test
    void liveInterruptionsAreThePostCallReportsInterruptions() throws Exception {
        for (Path call : List.of(S6, CALL_C)) {
            Recorded r = follow(call, spool.resolve("i-" + call.getFileName()));
            List<String> post = analyzer.analyze(call).overlaps().stream()
                    .filter(o -> o.kind().equals("interruption") && o.start() >= 1.0)
                    .map(o -> o.by() + "@" + o.start()).toList();

            assertThat(r.interruptions.stream().filter(i -> Double.parseDouble(i.split("@")[1]) >= 1.0).toList())
                    .as(call.getFileName().toString()).isEqualTo(post);
            if (call == S6) {
                assertThat(post).as("S6: the customer talks over the agent's greeting").isNotEmpty();
            }
        }
    }

    @Test
    void bothPartiesGetARollingSentimentOnThePostCallScale() throws Exception {
        Recorded r = follow(CALL_C, spool.resolve("c2-stereo.raw"));

        assertThat(r.sentiments).extracting(s -> s.split(" ")[0]).contains("customer", "agent");
        assertThat(r.sentiments).allSatisfy(s -> assertThat(Double.parseDouble(s.split(" ")[1])).isBetween(-1.0, 1.0));
    }

    @Test
    void theCustomersMuteIsReportedAsSilenceOnlyWhileNeitherPartySpeaks() throws Exception {
        Recorded r = follow(CALL_C, spool.resolve("c3-stereo.raw"));
        AnalysisReport report = analyzer.analyze(CALL_C);

        // the agent speaks until 7.0 s, the customer is muted from 2.98 s: dead air from 7 s until 11.02 s
        assertThat(r.silences).isNotEmpty();
        for (double[] s : r.silences) {
            for (var seg : report.transcript()) {
                boolean inside = seg.start() > s[0] + 0.05 && seg.end() < s[1] - 0.05;
                assertThat(inside).as("segment %s inside silence %s", seg, Arrays.toString(s)).isFalse();
            }
        }
    }

    @Test
    void aCallOverTheLimitHasNoLiveViewAndAFreedSlotIsTakenAgain() throws Exception {
        Path a = spool.resolve("a-stereo.raw");
        Path b = spool.resolve("b-stereo.raw");
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        LiveCall one = live.follow("a", a, ChannelRoles.CUSTOMER_AGENT, first).orElseThrow();
        LiveCall two = live.follow("b", b, ChannelRoles.CUSTOMER_AGENT, second).orElseThrow();

        assertThat(live.follow("c", spool.resolve("c-stereo.raw"), ChannelRoles.CUSTOMER_AGENT, new Recorder())).isEmpty();
        one.hangUp(); // no file ever appeared
        assertThat(first.ended.await(30, TimeUnit.SECONDS)).isTrue();
        LiveCall three = live.follow("d", spool.resolve("d-stereo.raw"), ChannelRoles.CUSTOMER_AGENT, new Recorder()).orElseThrow();
        two.stop();
        three.stop();
        assertThat(second.ended.await(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Writes {@code source} into {@code target} step by step, each after the last was analysed; then hangs up. */
    Recorded follow(Path source, Path target) throws Exception {
        Recorder recorder = new Recorder();
        LiveCall call = live.follow(target.getFileName().toString(), target, ChannelRoles.CUSTOMER_AGENT, recorder)
                .orElseThrow();
        byte[] audio = Files.readAllBytes(source);
        Files.write(target, new byte[0]);
        for (int at = 0; at < audio.length; at += STEP) {
            int end = Math.min(audio.length, at + STEP);
            Files.write(target, Arrays.copyOfRange(audio, at, end), StandardOpenOption.APPEND);
            recorder.awaitProgress(end);
        }
        call.hangUp();
        assertThat(recorder.ended.await(60, TimeUnit.SECONDS)).isTrue();
        return new Recorded(recorder.segments, recorder.sentiments, recorder.silences, recorder.interruptions);
    }

    static String postCallText(AnalysisReport report, String party, double from) {
        return report.transcript().stream().filter(s -> s.party().equals(party) && s.start() >= from).map(AnalysisReport.TranscriptSegment::text)
                .collect(Collectors.joining(" "));
    }

    record Recorded(List<LiveSegment> segments, List<String> sentiments, List<double[]> silences,
                    List<String> interruptions) {
        String finalText(String party) {
            return finalText(party, 0);
        }

        String finalText(String party, double from) {
            return segments.stream().filter(s -> s.isFinal() && s.party().equals(party) && !s.text().isEmpty()
                            && s.start() >= from)
                    .map(LiveSegment::text).collect(Collectors.joining(" "));
        }
    }

    static final class Recorder implements LiveListener {
        final List<LiveSegment> segments = new ArrayList<>();
        final List<String> sentiments = new ArrayList<>();
        final List<double[]> silences = new ArrayList<>();
        final List<String> interruptions = new ArrayList<>();
        final BlockingQueue<Long> progress = new LinkedBlockingQueue<>();
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public synchronized void segment(LiveSegment segment) {
            segments.add(segment);
        }

        @Override
        public synchronized void sentiment(String party, double score, double at) {
            sentiments.add(party + " " + score + " " + at);
        }

        @Override
        public synchronized void silence(double since, double at) {
            silences.add(new double[] {since, at});
        }

        @Override
        public synchronized void interruption(String party, double at) {
            interruptions.add(party + "@" + at);
        }

        @Override
        public void progress(long bytes, double seconds) {
            progress.add(bytes);
        }

        @Override
        public void ended() {
            ended.countDown();
        }

        void awaitProgress(long bytes) throws InterruptedException {
            for (Long p = progress.poll(60, TimeUnit.SECONDS); p != null; p = progress.poll(60, TimeUnit.SECONDS)) {
                if (p >= bytes) {
                    return;
                }
            }
            throw new AssertionError("the live analyzer never reported reaching byte " + bytes);
        }
    }
}
