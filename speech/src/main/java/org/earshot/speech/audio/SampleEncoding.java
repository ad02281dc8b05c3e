package org.earshot.speech.audio;

/** The sample encodings Earshot reads, and how to turn their bytes into 16-bit linear samples. */
enum SampleEncoding {
    PCM_16(2) {
        @Override
        short decode(byte[] b, int offset) {
            return (short) ((b[offset] & 0xFF) | (b[offset + 1] << 8));
        }
    },
    ULAW(1) {
        @Override
        short decode(byte[] b, int offset) {
            return G711.ulaw(b[offset]);
        }
    },
    ALAW(1) {
        @Override
        short decode(byte[] b, int offset) {
            return G711.alaw(b[offset]);
        }
    };

    private final int bytesPerSample;

    SampleEncoding(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    int bytesPerSample() {
        return bytesPerSample;
    }

    /** The little-endian sample at {@code offset}. */
    abstract short decode(byte[] b, int offset);
}
