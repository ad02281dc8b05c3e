package org.earshot.speech.prosody;

/**
 * Two levels per 10 ms frame: the plain RMS level (loudness) and a band-limited intensity for
 * syllable nuclei. The band, 300–2000 Hz, holds the first formant of vowels, where a syllable's
 * energy peaks; it leaves out the 2.5–4 kHz hiss of fricatives, which would add false peaks
 * (de Jong &amp; Wempe 2009 take Praat's full-band intensity of wide-band speech; telephone speech
 * is already narrow, so only the fricative band is removed).
 */
final class LevelMeter implements FrameStream.FrameProcessor {

    /** Level of digital silence: finite, far below any line noise. */
    static final float SILENCE_DB = -100f;

    private final double[] energy;
    private final double[] bandEnergy;
    private final Biquad band;

    LevelMeter(int sampleRate, int frames) {
        this.energy = new double[frames];
        this.bandEnergy = new double[frames];
        this.band = Biquad.bandPass(sampleRate, 300, 2000);
    }

    @Override
    public void process(FrameStream.Frame frame) {
        double sum = 0;
        double bandSum = 0;
        float[] w = frame.window;
        for (int i = frame.coreFrom; i < frame.coreFrom + frame.coreLength; i++) {
            sum += w[i] * w[i];
            double y = band.filter(w[i]); // every frame, so the filter state runs on without gaps
            bandSum += y * y;
        }
        energy[frame.index] = sum / frame.coreLength;
        bandEnergy[frame.index] = bandSum / frame.coreLength;
    }

    /** Mean-square energy per frame (full scale = 1). */
    double[] energy() {
        return energy;
    }

    double[] bandEnergy() {
        return bandEnergy;
    }

    static float db(double meanSquare) {
        return (float) Math.max(SILENCE_DB, 10 * Math.log10(meanSquare + 1e-12));
    }

    /** RBJ audio-EQ-cookbook band-pass (constant 0 dB peak gain), direct form I. */
    static final class Biquad {
        private final double b0;
        private final double b2;
        private final double a1;
        private final double a2;
        private double x1;
        private double x2;
        private double y1;
        private double y2;

        private Biquad(double b0, double b2, double a1, double a2) {
            this.b0 = b0;
            this.b2 = b2;
            this.a1 = a1;
            this.a2 = a2;
        }

        static Biquad bandPass(int sampleRate, double lowHz, double highHz) {
            double centre = Math.sqrt(lowHz * highHz);
            double octaves = Math.log(highHz / lowHz) / Math.log(2);
            double w0 = 2 * Math.PI * centre / sampleRate;
            double alpha = Math.sin(w0) * Math.sinh(Math.log(2) / 2 * octaves * w0 / Math.sin(w0));
            double a0 = 1 + alpha;
            return new Biquad(alpha / a0, -alpha / a0, -2 * Math.cos(w0) / a0, (1 - alpha) / a0);
        }

        double filter(double x) {
            double y = b0 * x + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            return y;
        }
    }
}
