package org.earshot.speech.transcribe;

import java.util.List;
import org.earshot.speech.AnalysisReport.Word;

/**
 * One talk spurt heard again as if it held only spoken digits ({@link Transcriber#hearDigits}).
 *
 * @param start         the spurt's start, seconds into the recording
 * @param end           its end
 * @param words         the digit words (and months) the recogniser chose, with their times; none where it
 *                      heard only silence
 * @param fitPerSecond  how much better (positive) or worse (negative) the digits explain the audio than the
 *                      model's whole vocabulary does, in log-likelihood per second: about 0 where digits
 *                      were read out, far below 0 for ordinary speech forced into digits
 */
public record HeardDigits(double start, double end, List<Word> words, double fitPerSecond) {

    public HeardDigits {
        words = List.copyOf(words);
    }
}
