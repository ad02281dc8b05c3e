package org.earshot.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.earshot.speech.AnalysisReport.PartyMetrics;
import org.earshot.speech.audio.Recording;
import org.earshot.speech.audio.RecordingReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings that cannot be analysed, or only in part, through the whole analyser: each gives a
 * clear error naming the file, or a report that says what was not measured — never a stack trace
 * from deep inside, never an invented number. Failsafe runs this with a 512 MB heap (speech/pom.xml).
 */
class BadInputIT {

    static CallAnalyzer analyzer;
    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        analyzer = new CallAnalyzer(new SpeechSettings(null, Path.of("target/model-cache"), ChannelRoles.CUSTOMER_AGENT, 2));
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    @Test
    void nonAudioIsRefusedByNameAndReason() throws IOException {
        Path file = Files.writeString(tmp.resolve("invoice.wav"), "%PDF-1.7 not a recording");
        assertRefused(file, "not a RIFF/WAVE file");
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        assertRefused(Files.createFile(tmp.resolve("empty.wav")), "empty file (0 bytes)");
    }

    @Test
    void fileCutInsideItsHeaderIsRefusedAsTruncated() throws IOException {
        byte[] header = TestWavs.header(2, 8000, 16000);
        assertRefused(Files.write(tmp.resolve("cut.wav"), Arrays.copyOf(header, 30)), "truncated WAV header");
    }

    @Test
    void fileCutInsideItsAudioIsAnalysedAsFarAsItGoesAndSaysHowMuchIsMissing() throws IOException {
        Path whole = TestWavs.write(tmp.resolve("whole.wav"), 2, 8000, 2 * 8000, (c, i) -> tone(i, 8000, 0.2, 1.8));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut-audio.wav"), Arrays.copyOf(bytes, 44 + 8000 * 4)); // 1 s of 2 s

        AnalysisReport r = analyzer.analyze(cut);

        assertThat(r.durationSeconds()).isEqualTo(1.0);
        assertThat(r.parties().get("customer").talkSeconds()).as("the second held is analysed").isPositive();
        assertThat(r.notes()).contains(
                "truncated: the header declares 2.00 s of audio, the file holds 1.00 s; analysed what is there");
    }

    @Test
    void wholeFileHasNoTruncationNote() throws IOException {
        Path whole = TestWavs.write(tmp.resolve("whole.wav"), 2, 8000, 2 * 8000, (c, i) -> tone(i, 8000, 0.2, 1.8));

        assertThat(analyzer.analyze(whole).notes()).noneSatisfy(n -> assertThat(n).startsWith("truncated"));
    }

    @Test
    void zeroLengthDataChunkIsRefusedAsHavingNoAudio() throws IOException {
        Path file = Files.write(tmp.resolve("no-data.wav"), TestWavs.header(2, 8000, 0));
        assertRefused(file, "no audio samples (the data chunk is empty)");
    }

    @Test
    void gsmEncodedWavIsRefusedNamingTheEncoding() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(TestWavs.header(1, 8000, 65)).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(20, (short) 49).putShort(34, (short) 0); // WAVE_FORMAT_GSM610, 0 bits per sample
        Path file = Files.write(tmp.resolve("gsm.wav"), concat(b.array(), new byte[65]));
        assertRefused(file, "GSM 6.10 (format 49) is not supported");
    }

    @Test
    void monoCallHasNoPartyMetricsNorTimelineAndSaysWhy() throws IOException {
        Path file = TestWavs.write(tmp.resolve("mono.wav"), 1, 8000, 8000 * 5, (c, i) -> tone(i, 8000, 2.0, 3.0));

        AnalysisReport r = analyzer.analyze(file, ChannelRoles.CUSTOMER_AGENT);

        assertThat(r.parties()).isEmpty();
        assertThat(r.timeline()).isNull();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("mono recording")
                .contains("per-party sentiment and the sentiment timeline are not measured", "from its words alone"));
    }

    @Test
    void fullScaleClippingIsNotedAndTheCallIsStillAnalysed() throws IOException {
        Recording call = RecordingReader.read(Path.of("src/test/resources/calls/generated-call.wav"));
        Path file = TestWavs.write(tmp.resolve("clipped.wav"), 2, 8000, call.frames(),
                (c, i) -> (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, 20 * call.channel(c)[(int) i])));

        AnalysisReport r = analyzer.analyze(file);

        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("clipping:").contains("left channel (customer)"));
        assertThat(r.parties().get("customer").talkSeconds()).isPositive();
        assertThat(r.parties().get("customer").pitchMedianHz()).isNotNull();
        assertThat(r.transcript()).isNotEmpty();
    }

    @Test
    void pureSilenceSaysNoSpeechWasFoundAndInventsNoNumbers() throws IOException {
        Path file = TestWavs.write(tmp.resolve("silence.wav"), 2, 8000, 8000 * 20, (c, i) -> (short) 0);

        AnalysisReport r = analyzer.analyze(file);

        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("no speech found in the recording"));
        for (PartyMetrics m : r.parties().values()) {
            assertThat(m.talkSeconds()).isZero();
            assertThat(m.spurts()).isEmpty();
            assertThat(m).extracting(PartyMetrics::wordsPerMinute, PartyMetrics::syllablesPerSecond,
                    PartyMetrics::pitchMedianHz, PartyMetrics::pitchSdSemitones, PartyMetrics::pitchRangeSemitones,
                    PartyMetrics::intonationShiftsPerMinute, PartyMetrics::loudnessDb, PartyMetrics::sentiment)
                    .containsOnlyNulls();
        }
        assertThat(r.sentiment()).isNull();
        assertThat(r.timeline()).isNull();
        assertThat(r.agentTalkRatio()).isNull();
        assertThat(r.transcript()).isEmpty();
        assertThat(r.silenceRatio()).isEqualTo(1.0);
    }

    /** 2 hours of 8 kHz stereo (230 MB of samples) in a 512 MB heap: a 1-second tone every 10 minutes. */
    @Test
    void twoHourRecordingIsAnalysedWithinTheHeap() throws IOException {
        long frames = 2L * 3600 * 8000;
        Path file = TestWavs.write(tmp.resolve("two-hours.wav"), 2, 8000, frames,
                (c, i) -> i % (600 * 8000) < 8000 && c == (int) (i / (600 * 8000)) % 2 ? tone(i % (600 * 8000), 8000, 0, 1) : 0);

        AnalysisReport r = analyzer.analyze(file);

        assertThat(r.durationSeconds()).isEqualTo(7200.0);
        assertThat(r.parties().get("customer").talkSeconds()).isBetween(5.5, 6.5);
        assertThat(r.parties().get("agent").talkSeconds()).isBetween(5.5, 6.5);
        assertThat(r.deadAir()).hasSize(11);
    }

    /** A 200 Hz tone with harmonics at -12 dBFS between {@code from} and {@code to} seconds. */
    static short tone(long i, int rate, double from, double to) {
        double t = (double) i / rate;
        if (t < from || t >= to) {
            return 0;
        }
        double x = Math.sin(2 * Math.PI * 200 * t) + 0.5 * Math.sin(4 * Math.PI * 200 * t) + 0.3 * Math.sin(6 * Math.PI * 200 * t);
        return (short) (x * 4000);
    }

    private void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> analyzer.analyze(file))
                .isInstanceOf(AudioFormatException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining(reason);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
