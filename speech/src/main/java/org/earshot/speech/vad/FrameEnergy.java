package org.earshot.speech.vad;

/** Level of each 10 ms frame in dB relative to full scale, DC removed. */
final class FrameEnergy {

    /** Digital silence has no level at all; clamp it to a finite floor far below any line noise. */
    static final double SILENCE_DB = -100.0;

    private FrameEnergy() {
    }

    static double[] levels(short[] samples, int sampleRate) {
        int frameLength = (int) Math.round(sampleRate * Spurt.FRAME_SECONDS);
        int frames = samples.length / frameLength;
        double[] db = new double[frames];
        for (int f = 0; f < frames; f++) {
            int from = f * frameLength;
            double sum = 0;
            double sumSquares = 0;
            for (int i = from; i < from + frameLength; i++) {
                double x = samples[i] / 32768.0;
                sum += x;
                sumSquares += x * x;
            }
            double mean = sum / frameLength;
            // Variance, not mean square: some lines carry a DC offset that is not speech.
            double power = Math.max(0, sumSquares / frameLength - mean * mean);
            db[f] = Math.max(SILENCE_DB, 10 * Math.log10(power + 1e-12));
        }
        return db;
    }
}
