package org.earshot.speech.audio;

/**
 * One signal through a {@link Resampler}, block by block, giving the same output as resampling it
 * whole: the stream keeps the last inputs that the next outputs' filters still reach back to (about
 * a hundred samples), so a block boundary leaves no trace in the output and the memory held does not
 * grow with the signal. Before the first input and after {@link #finish} the signal is silence, as in
 * {@link Resampler#resample}. One stream per signal, used by one thread.
 */
public final class ResamplingStream {

    /** Receives the output samples, in order. */
    public interface Sink {
        void accept(float sample);
    }

    private final Resampler resampler;
    /** Inputs {@code [windowStart, received)}: only as far back as the next output's filter reaches. */
    private float[] window = new float[0];
    private long windowStart;
    private long received;
    /** The next output sample to compute. */
    private long next;

    ResamplingStream(Resampler resampler) {
        this.resampler = resampler;
    }

    /** Adds the next {@code count} inputs and emits every output whose filter they complete. */
    public void push(float[] block, int count, Sink out) {
        append(block, count);
        // an output is final once the last input its filter weighs has arrived
        while (resampler.firstInput(next) + resampler.taps() <= received) {
            out.accept(output(next++));
        }
    }

    /** Ends the signal: emits the outputs still owed, with silence after the last input. */
    public void finish(Sink out) {
        for (long end = resampler.outputLength(received); next < end; next++) {
            out.accept(output(next));
        }
    }

    private void append(float[] block, int count) {
        long keepFrom = Math.max(windowStart, Math.min(received, resampler.firstInput(next)));
        int kept = (int) (received - keepFrom);
        float[] into = kept + count > window.length ? new float[kept + count] : window;
        System.arraycopy(window, (int) (keepFrom - windowStart), into, 0, kept);
        System.arraycopy(block, 0, into, kept, count);
        window = into;
        windowStart = keepFrom;
        received += count;
    }

    /** The filter over the inputs around output {@code n}; inputs before the first or not (yet) there are silence. */
    private float output(long n) {
        float[] h = resampler.filter(n);
        long first = resampler.firstInput(n);
        int from = (int) Math.max(0, -first);
        int to = (int) Math.min(h.length, received - first);
        int offset = (int) (first - windowStart);
        double acc = 0;
        for (int k = from; k < to; k++) {
            acc += h[k] * window[offset + k];
        }
        return (float) acc;
    }
}
