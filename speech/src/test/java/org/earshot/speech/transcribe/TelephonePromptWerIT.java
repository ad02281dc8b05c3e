package org.earshot.speech.transcribe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.earshot.speech.AllisonPrompts;
import org.earshot.speech.AllisonPrompts.Prompt;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.AnalysisReport.TranscriptSegment;
import org.earshot.speech.CallAnalyzer;
import org.earshot.speech.ChannelRoles;
import org.earshot.speech.SpeechSettings;
import org.earshot.speech.Prerequisites;
import org.earshot.speech.WordErrors;
import org.junit.jupiter.api.Test;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Word error rate on real telephone prompts (Allison, 8 kHz, texts from core-sounds-en.txt) through
 * the product's own path (decode → voice activity → Kaiser-sinc resampler → Vosk per spurt, with
 * the product's decoder search, {@code DecoderSearch.TELEPHONE}) against the reference path of
 * feeding stock Vosk (the bundled model's own settings) the whole prompt resampled by sox. Ours
 * must be no worse.
 *
 * <p>Only the held-out half of the prompts ({@link AllisonPrompts#half}) is read here, and nothing
 * that tunes the recogniser reads it, so the figure is not one the tuning was fitted to.
 */
class TelephonePromptWerIT {

    static final Path CACHE = Path.of("target/model-cache");

    @Test
    void onHeldOutPromptsOurResamplingPathIsNoWorseThanSoxResampling() throws Exception {
        Prerequisites.require(Prerequisites.Need.ALLISON_PROMPTS, Prerequisites.Need.SOX);
        // The held-out prompts of 3+ words, about half of the 259. With 25 (245 words) the two paths came out
        // equal, one word from failing on a machine whose floating point differs.
        List<Prompt> prompts = AllisonPrompts.select(AllisonPrompts.Half.HELD_OUT, 3);
        int refWords = 0;
        int oursErrors = 0;
        int soxErrors = 0;
        try (CallAnalyzer analyzer = new CallAnalyzer(new SpeechSettings(null, CACHE, ChannelRoles.CUSTOMER_AGENT, 1));
             Model model = new Model(BundledModel.unpack(CACHE).toString())) {
            for (Prompt p : prompts) {
                List<String> ref = WordErrors.words(p.text());
                refWords += ref.size();
                oursErrors += WordErrors.editDistance(ref, WordErrors.words(ours(analyzer, p.file())));
                soxErrors += WordErrors.editDistance(ref, WordErrors.words(viaSox(model, p.file())));
            }
        }
        double oursWer = (double) oursErrors / refWords;
        double soxWer = (double) soxErrors / refWords;
        System.out.printf("WER on %d held-out Allison prompts (%d words): ours %.2f %%, sox-resampled whole prompt %.2f %%%n",
                prompts.size(), refWords, 100 * oursWer, 100 * soxWer);
        assertThat(oursWer).isLessThanOrEqualTo(soxWer);
        // speech/README.md claims 20.8 % (2026-12-04); the margin, 0.5 point, is 6 words of 1295
        assertThat(oursWer).isLessThan(0.208 + 0.005);
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
}
