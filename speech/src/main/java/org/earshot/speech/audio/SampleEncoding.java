package org.earshot.speech.audio;

/**
 * The sample encodings Earshot reads, and how to turn their little-endian bytes into linear samples
 * on the 16-bit scale (full scale = 32768). The value is not rounded yet: the detail that 24-bit,
 * 32-bit and float samples carry below one 16-bit step goes through the resampler first, and
 * {@link #toPcm16} rounds once at the end.
 */
enum SampleEncoding {
    /** WAV's 8-bit PCM is unsigned: 128 is silence. */
    PCM_8(1) {
        @Override
        float decode(byte[] b, int offset) {
            return ((b[offset] & 0xFF) - 128) * 256f;
        }
    },
    PCM_16(2) {
        @Override
        float decode(byte[] b, int offset) {
            return (short) ((b[offset] & 0xFF) | (b[offset + 1] << 8));
        }
    },
    PCM_24(3) {
        @Override
        float decode(byte[] b, int offset) {
            int value = (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | b[offset + 2] << 16;
            return value / 256f;
        }
    },
    PCM_32(4) {
        @Override
        float decode(byte[] b, int offset) {
            return int32(b, offset) / 65536f;
        }
    },
    /** IEEE 754 single precision, full scale at ±1.0. */
    FLOAT_32(4) {
        @Override
        float decode(byte[] b, int offset) {
            return Float.intBitsToFloat(int32(b, offset)) * 32768f;
        }
    },
    ULAW(1) {
        @Override
        float decode(byte[] b, int offset) {
            return G711.ulaw(b[offset]);
        }
    },
    ALAW(1) {
        @Override
        float decode(byte[] b, int offset) {
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

    /**
     * The bytes of one silent sample: zeros for linear PCM and float, 128 for unsigned 8-bit, 0xFF for
     * µ-law (which decodes to exactly 0), 0xD5 for A-law (which has no zero code; 0xD5 is ±8 on the
     * 16-bit scale, its smallest step).
     */
    byte[] silence() {
        byte[] b = new byte[bytesPerSample];
        switch (this) {
            case PCM_8 -> b[0] = (byte) 0x80;
            case ULAW -> b[0] = (byte) 0xFF;
            case ALAW -> b[0] = (byte) 0xD5;
            default -> {
                // zeros
            }
        }
        return b;
    }

    /** The sample at {@code offset}, on the 16-bit scale, unrounded and unclipped. */
    abstract float decode(byte[] b, int offset);

    /**
     * Rounded to the nearest 16-bit sample; beyond full scale (a float sample over 1.0, a resampled
     * peak overshooting a clipped one) is clipped, and a NaN, which no sound has, is silence.
     */
    static short toPcm16(float sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample)));
    }

    private static int int32(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16 | b[offset + 3] << 24;
    }
}
