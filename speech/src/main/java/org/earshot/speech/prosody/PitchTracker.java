package org.earshot.speech.prosody;

import be.tarsos.dsp.pitch.PitchDetectionResult;
import be.tarsos.dsp.pitch.FastYin;
import be.tarsos.dsp.pitch.PitchDetector;
import be.tarsos.dsp.pitch.Yin;
import be.tarsos.dsp.pitch.PitchProcessor.PitchEstimationAlgorithm;

/**
 * Fundamental frequency of each speech frame with a TarsosDSP detector; 0 = unvoiced or not speech.
 * Frames outside talk spurts are skipped: they are most of a call and have no pitch worth paying for.
 */
final class PitchTracker implements FrameStream.FrameProcessor {

    /** TarsosDSP's estimators that suit speech; the default was chosen by measurement against Praat. */
    enum Estimator {
        YIN(PitchEstimationAlgorithm.YIN),
        FFT_YIN(PitchEstimationAlgorithm.FFT_YIN),
        MPM(PitchEstimationAlgorithm.MPM),
        AMDF(PitchEstimationAlgorithm.AMDF);

        private final PitchEstimationAlgorithm algorithm;

        Estimator(PitchEstimationAlgorithm algorithm) {
            this.algorithm = algorithm;
        }
    }

    /**
     * YIN. On 25 Allison prompts YIN and FFT_YIN (the same algorithm, difference function by FFT)
     * agreed with Praat equally well and FFT_YIN ran a little faster, but TarsosDSP 2.4's FastYin
     * keeps state between calls: after a 267 Hz stretch it called a following 200 Hz tone unvoiced
     * for good (PitchContourTest catches it). AMDF was off by up to 9.6 % on a prompt's median, and
     * MPM trips an internal assertion of TarsosDSP 2.4. See PraatAgreementIT for the figures.
     */
    static final Estimator DEFAULT = Estimator.YIN;
    /** Praat's default floor is 75 Hz; deep male voices reach 60 Hz. Above 500 Hz is a squeal, not speech. */
    static final float MIN_HZ = 60f;
    static final float MAX_HZ = 500f;
    /** 40 ms: two periods of 50 Hz, so the detector's lag range covers {@link #MIN_HZ}. */
    static final double WINDOW_SECONDS = 0.04;

    private final PitchDetector detector;
    private final float[] pitchHz;

    PitchTracker(Estimator estimator, int sampleRate, int windowLength, int frames) {
        this.detector = detector(estimator, sampleRate, windowLength);
        this.pitchHz = new float[frames];
    }

    /**
     * YIN's aperiodicity threshold. TarsosDSP's default 0.20 doubled the pitch on telephone speech
     * (the band starts at 300 Hz, so the fundamental itself is missing and the half-period dip passes
     * the threshold): 4.3 % gross errors against Praat on the Allison prompts; 0.10 gives 1.1 %, at
     * the price of calling some breathy frames unvoiced (see PraatAgreementIT for the figures).
     */
    static final double YIN_THRESHOLD = 0.10;

    private static PitchDetector detector(Estimator estimator, int sampleRate, int windowLength) {
        return switch (estimator) {
            case YIN -> new Yin(sampleRate, windowLength, YIN_THRESHOLD);
            case FFT_YIN -> new FastYin(sampleRate, windowLength, YIN_THRESHOLD);
            default -> estimator.algorithm.getDetector(sampleRate, windowLength);
        };
    }

    @Override
    public void process(FrameStream.Frame frame) {
        if (!frame.speech) {
            return;
        }
        PitchDetectionResult result = detector.getPitch(frame.window);
        float hz = result.getPitch();
        if (result.isPitched() && hz >= MIN_HZ && hz <= MAX_HZ) {
            pitchHz[frame.index] = hz;
        }
    }

    float[] pitchHz() {
        return pitchHz;
    }
}
