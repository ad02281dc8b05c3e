package org.earshot.speech.live;

/**
 * The last {@code capacity} samples of one channel, addressed by their index from the recording's start:
 * what live analysis may look back at (a spurt's lead-in, the sentiment's 30 s) with memory that does
 * not grow with the call.
 */
final class SampleRing {

    private final short[] ring;
    private long written;

    SampleRing(int capacity) {
        this.ring = new short[capacity];
    }

    void add(short sample) {
        ring[(int) (written++ % ring.length)] = sample;
    }

    /** Samples received so far: one past the newest index. */
    long end() {
        return written;
    }

    /** The oldest index still held. */
    long start() {
        return Math.max(0, written - ring.length);
    }

    /** Copies {@code [from, to)} (clipped to what is held) into a new array. */
    short[] copy(long from, long to) {
        long a = Math.max(from, start());
        long b = Math.min(to, written);
        short[] out = new short[(int) Math.max(0, b - a)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ring[(int) ((a + i) % ring.length)];
        }
        return out;
    }
}
