package org.earshot.speech.transcribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.earshot.speech.AllisonPrompts;
import org.earshot.speech.AllisonPrompts.Prompt;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.junit.jupiter.api.Test;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Word error rate on real telephone prompts (Allison, 8 kHz, texts from core-sounds-en.txt) through
 * the product's own path (decode → voice activity → Kaiser-sinc resampler → Vosk per spurt, with
 * the product's decoder search, {@code DecoderSearch.TELEPHONE}) against the reference path of
 * feeding stock Vosk (the bundled model's own settings) the whole prompt resampled by sox. Ours
 * must be no worse.
 */
class TelephonePromptWerIT {

    static final Path CACHE = Path.of("target/model-cache");
    private static final Map<String, String> DIGITS = Map.of("0", "zero", "1", "one", "2", "two", "3", "three",
            "4", "four", "5", "five", "6", "six", "7", "seven", "8", "eight", "9", "nine");

    @Test
    void ourResamplingPathIsNoWorseThanSoxResampling() throws Exception {
        assumeTrue(AllisonPrompts.installed(), "asterisk-core-sounds-en(-wav) not installed");
        assumeTrue(soxInstalled(), "sox not installed");
        List<Prompt> prompts = AllisonPrompts.select(25, 10, 3);
        int refWords = 0;
        int oursErrors = 0;
        int soxErrors = 0;
        try (CallAnalyzer analyzer = new CallAnalyzer(new SpeechSettings(null, CACHE, ChannelRoles.CUSTOMER_AGENT, 1));
             Model model = new Model(BundledModel.unpack(CACHE).toString())) {
            for (Prompt p : prompts) {
                List<String> ref = words(p.text());
                refWords += ref.size();
                oursErrors += editDistance(ref, words(ours(analyzer, p.file())));
                soxErrors += editDistance(ref, words(viaSox(model, p.file())));
            }
        }
        double oursWer = (double) oursErrors / refWords;
        double soxWer = (double) soxErrors / refWords;
        System.out.printf("WER on %d Allison prompts (%d words): ours %.1f %%, sox-resampled whole prompt %.1f %%%n",
                prompts.size(), refWords, 100 * oursWer, 100 * soxWer);
        assertThat(oursWer).isLessThanOrEqualTo(soxWer);
        assertThat(oursWer).isLessThan(0.35);
    }

    private static String ours(CallAnalyzer analyzer, Path file) throws IOException {
        AnalysisReport r = analyzer.analyze(file);
        return r.transcript().stream().map(TranscriptSegment::text).collect(Collectors.joining(" "));
    }

    private static String viaSox(Model model, Path file) throws Exception {
        // -R: repeatable dither, so the reference WER does not move between runs
        Process sox = new ProcessBuilder("sox", "-R", file.toString(), "-t", "raw", "-r", "16000", "-b", "16", "-e", "signed",
                "-c", "1", "-").start();
        byte[] pcm = sox.getInputStream().readAllBytes();
        assertThat(sox.waitFor(60, TimeUnit.SECONDS)).isTrue();
        short[] samples = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        try (Recognizer rec = new Recognizer(model, 16000)) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < samples.length; i += 8000) {
                int n = Math.min(8000, samples.length - i);
                short[] chunk = java.util.Arrays.copyOfRange(samples, i, i + n);
                if (rec.acceptWaveForm(chunk, n)) {
                    text.append(' ').append(new ObjectMapper().readTree(rec.getResult()).path("text").asText());
                }
            }
            text.append(' ').append(new ObjectMapper().readTree(rec.getFinalResult()).path("text").asText());
            return text.toString();
        }
    }

    static List<String> words(String text) {
        return java.util.Arrays.stream(AllisonPrompts.normalise(text).split(" "))
                .filter(w -> !w.isEmpty()).map(w -> DIGITS.getOrDefault(w, w)).toList();
    }

    /** Word-level Levenshtein distance: substitutions + deletions + insertions. */
    static int editDistance(List<String> ref, List<String> hyp) {
        int[] prev = new int[hyp.size() + 1];
        int[] cur = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int sub = prev[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[hyp.size()];
    }

    private static boolean soxInstalled() {
        try {
            return new ProcessBuilder("sox", "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
