package org.earshot.speech.prosody;

import java.util.List;
import org.earshot.speech.vad.Spurt;

/**
 * Measures one channel in a single pass: the frame stream feeds the level meter and the pitch
 * tracker; contour smoothing, pitch statistics and syllable nuclei then work on the per-frame
 * results (100 numbers a second), never on the samples again.
 *
 * <pre>{@code
 * PartyProsody p = Prosody.measure(samples, 8000, spurts);
 * Double hz = p.pitchMedianHz();
 * }</pre>
 */
public final class Prosody {

    private Prosody() {
    }

    public static PartyProsody measure(short[] samples, int sampleRate, List<Spurt> spurts) {
        return measure(samples, sampleRate, spurts, PitchTracker.DEFAULT);
    }

    static PartyProsody measure(short[] samples, int sampleRate, List<Spurt> spurts, PitchTracker.Estimator estimator) {
        FrameStream stream = new FrameStream(sampleRate, PitchTracker.WINDOW_SECONDS);
        int frames = samples.length / FrameStream.hopLength(sampleRate);
        LevelMeter levels = new LevelMeter(sampleRate, frames);
        PitchTracker pitch = new PitchTracker(estimator, sampleRate, stream.windowLength(), frames);
        stream.run(samples, spurts, List.of(levels, pitch));
        float[] smoothed = Contour.smooth(pitch.pitchHz(), spurts);
        int[] nuclei = SyllableNuclei.find(levels.bandEnergy(), levels.energy(), pitch.pitchHz(), spurts);
        return new PartyProsody(smoothed, levels.energy(), nuclei, spurts);
    }

    /** Raw (unsmoothed) pitch per frame, 0 = unvoiced: for comparing estimators with Praat. */
    static float[] pitchTrack(short[] samples, int sampleRate, List<Spurt> spurts, PitchTracker.Estimator estimator) {
        FrameStream stream = new FrameStream(sampleRate, PitchTracker.WINDOW_SECONDS);
        PitchTracker pitch = new PitchTracker(estimator, sampleRate, stream.windowLength(),
                samples.length / FrameStream.hopLength(sampleRate));
        stream.run(samples, spurts, List.of(pitch));
        return pitch.pitchHz();
    }
}
