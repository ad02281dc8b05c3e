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
import org.earshot.speech.audio.PcmWavHeader;
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
        byte[] header = PcmWavHeader.bytes(8000, 2, 16, 16000);
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
        Path file = Files.write(tmp.resolve("no-data.wav"), PcmWavHeader.bytes(8000, 2, 16, 0));
        assertRefused(file, "no audio samples (the data chunk is empty)");
    }

    @Test
    void gsmEncodedWavIsRefusedNamingTheEncoding() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(PcmWavHeader.bytes(8000, 1, 16, 65)).order(ByteOrder.LITTLE_ENDIAN);
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

    /**
     * 2 hours of 8 kHz stereo (230 MB of samples) in failsafe's 512 MB heap, as busy as a call gets:
     * real speech (Allison prompts) in turns 0.4 s apart, customer and agent alternating, so every
     * stage (Vosk, pitch, nuclei, sentiment, transcript) has two hours of work and the transcript
     * thousands of words per party. Written on the fly, streaming; nothing large is committed.
     * About 2 min of Vosk on an idle 2-core box (6.5 min on a busy one).
     */
    @Test
    void twoHourSpeechDenseRecordingIsAnalysedWithinTheHeap() throws IOException {
        Prerequisites.require(Prerequisites.Need.ALLISON_PROMPTS);
        assertThat(Runtime.getRuntime().maxMemory()).as("max heap").isLessThanOrEqualTo(512L << 20);
        DenseCall call = DenseCall.of(AllisonPrompts.select(40, 5, 4), 2 * 3600, 8000);
        Path file = TestWavs.write(tmp.resolve("two-hours.wav"), 2, 8000, call.frames(), call::sample);

        AnalysisReport r = analyzer.analyze(file);

        assertThat(r.durationSeconds()).isEqualTo(7200.0);
        for (String party : java.util.List.of("customer", "agent")) {
            // a prompt's own lead-in and tail are not talk: alone, voice activity finds 94 % of these prompts
            assertThat(r.parties().get(party).talkSeconds()).as(party + " talk seconds of " + call.placedSeconds(party))
                    .isBetween(0.85 * call.placedSeconds(party), call.placedSeconds(party));
            long heard = r.transcript().stream().filter(s -> s.party().equals(party)).mapToLong(s -> s.words().size()).sum();
            // WER on these prompts is about 19 %: a fair share of what was said, all the way through
            assertThat(heard).as(party + " words heard of " + call.words(party)).isGreaterThan(call.words(party) * 7 / 10);
            double lastWord = r.transcript().stream().filter(s -> s.party().equals(party)).mapToDouble(s -> s.end()).max()
                    .orElse(0);
            // the longest prompt is 31 s, so the other party may hold the last half minute and more
            assertThat(lastWord).as(party + " speaks to the end").isGreaterThan(7200 - 120);
        }
    }

    /** Prompts one after the other, left and right in turn, 0.4 s apart, repeated to fill {@code seconds}. */
    record DenseCall(short[][] prompts, int[] promptWords, int[] turnStart, int[] turnPrompt, long frames, int rate) {

        static final double GAP_SECONDS = 0.4;

        static DenseCall of(java.util.List<AllisonPrompts.Prompt> chosen, int seconds, int rate) throws IOException {
            short[][] prompts = new short[chosen.size()][];
            int[] words = new int[chosen.size()];
            for (int p = 0; p < prompts.length; p++) {
                prompts[p] = RecordingReader.read(chosen.get(p).file()).channel(0);
                words[p] = chosen.get(p).text().split(" ").length;
            }
            java.util.List<Integer> starts = new java.util.ArrayList<>();
            long frames = (long) seconds * rate;
            for (long at = 0; at < frames; ) {
                int turn = starts.size();
                starts.add((int) at);
                at += prompts[turn % prompts.length].length + (long) (GAP_SECONDS * rate);
            }
            int[] turnStart = starts.stream().mapToInt(Integer::intValue).toArray();
            int[] turnPrompt = java.util.stream.IntStream.range(0, turnStart.length).map(t -> t % prompts.length).toArray();
            return new DenseCall(prompts, words, turnStart, turnPrompt, frames, rate);
        }

        /** Turn t is on channel t % 2 (customer first). */
        short sample(int channel, long i) {
            int t = java.util.Arrays.binarySearch(turnStart, (int) i);
            t = t >= 0 ? t : -t - 2;
            short[] prompt = prompts[turnPrompt[t]];
            long k = i - turnStart[t];
            return t % 2 == channel && k < prompt.length ? prompt[(int) k] : 0;
        }

        /** Seconds of {@code party}'s prompts in the call, the last one as far as the call goes. */
        double placedSeconds(String party) {
            long n = 0;
            for (int t = party.equals("customer") ? 0 : 1; t < turnStart.length; t += 2) {
                n += Math.min(prompts[turnPrompt[t]].length, frames - turnStart[t]);
            }
            return (double) n / rate;
        }

        /** Words said by {@code party} in the whole call, by the prompts' texts (whole turns only). */
        long words(String party) {
            long n = 0;
            for (int t = party.equals("customer") ? 0 : 1; t < turnStart.length; t += 2) {
                if (turnStart[t] + prompts[turnPrompt[t]].length <= frames) {
                    n += promptWords[turnPrompt[t]];
                }
            }
            return n;
        }
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
