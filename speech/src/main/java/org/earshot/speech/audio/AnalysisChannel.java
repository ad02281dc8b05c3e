package org.earshot.speech.audio;

import java.util.Arrays;

/**
 * One channel on its way from the file into the analysis: decoded samples arrive block by block at
 * the file's rate and are kept as 16-bit samples at the analysis rate, resampled on the way if the
 * two differ.
 *
 * <p>The only array that grows with the recording is the 16-bit one at the analysis rate: a block is
 * resampled as it arrives and then dropped, so a file at 48 kHz never exists at 48 kHz in memory
 * (a one-hour stereo call would be 690 MB of 16-bit samples; at 16 kHz it is 230 MB).
 */
final class AnalysisChannel implements ResamplingStream.Sink {

    private final ResamplingStream resampling;
    private short[] samples;
    private int length;

    /**
     * @param resampler null when the file is at the analysis rate
     * @param frames    the samples the analysis will get if the file holds all it declares
     */
    AnalysisChannel(Resampler resampler, int frames) {
        this.resampling = resampler == null ? null : resampler.stream();
        this.samples = new short[frames];
    }

    /** The next {@code count} samples of the channel, at the file's rate. */
    void add(float[] block, int count) {
        if (resampling != null) {
            resampling.push(block, count, this);
            return;
        }
        for (int i = 0; i < count; i++) {
            accept(block[i]);
        }
    }

    @Override
    public void accept(float sample) {
        samples[length++] = SampleEncoding.toPcm16(sample);
    }

    /** The channel's samples at the analysis rate; fewer than announced if the file ended early. */
    short[] finish() {
        if (resampling != null) {
            resampling.finish(this);
        }
        if (length < samples.length) {
            samples = Arrays.copyOf(samples, length);
        }
        return samples;
    }
}
