package org.earshot.bench.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.earshot.speech.AnalysisReport;
import org.earshot.speech.WordErrors;

/**
 * Word error rate of the live transcript against the post-call one (bench/run live.WerBench [calls] [seconds]):
 * real calls of held-out Allison prompts with their reference text, written in 32 KiB steps (each once the
 * last was analysed, so pace does not matter here), followed live; then the same file analysed after the
 * call as today. Prints both WERs per party and overall: the post-call WER is the baseline.
 */
public final class WerBench {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        Path spool = Files.createTempDirectory("earshot-live-wer");
        int words = 0;
        int liveErrors = 0;
        int postErrors = 0;
        int differing = 0;
        try (LiveRig rig = new LiveRig(spool, 1, 1)) {
            for (int c = 0; c < count; c++) {
                PromptCall call = PromptCall.build(seconds, 23 * c);
                String id = "wer-" + c;
                Path file = rig.start(id);
                for (int step = 0; rig.writeStep(id, file, call.raw(), step); step++) {
                    rig.calls.awaitAnalysed(id, Math.min(call.raw().length, (step + 1L) * LiveRig.STEP), Duration.ofMinutes(5));
                }
                rig.calls.channelHungUp(id);
                rig.calls.awaitEnded(id, Duration.ofMinutes(5));
                AnalysisReport report = rig.analyzer.analyze(file);
                for (String party : List.of("customer", "agent")) {
                    String reference = call.reference().get(party);
                    String live = rig.finalText(id, party);
                    String post = report.transcript().stream().filter(s -> s.party().equals(party))
                            .map(AnalysisReport.TranscriptSegment::text).collect(Collectors.joining(" "));
                    int n = WordErrors.words(reference).size();
                    int le = PromptCall.errors(reference, live);
                    int pe = PromptCall.errors(reference, post);
                    words += n;
                    liveErrors += le;
                    postErrors += pe;
                    differing += PromptCall.errors(post, live);
                    System.out.printf("call %d %-8s %4d words: live WER %5.1f %%, post-call WER %5.1f %%%n", c, party, n,
                            100.0 * le / n, 100.0 * pe / n);
                }
            }
        }
        System.out.printf("live.wer: %d calls, %d reference words: live %.1f %%, post-call (baseline) %.1f %%, live/post-call %.2f;"
                + " live differs from post-call in %d words%n", count, words, 100.0 * liveErrors / words,
                100.0 * postErrors / words, (double) liveErrors / Math.max(1, postErrors), differing);
    }
}
