package org.earshot.speech.audio;

/** ITU-T G.711 µ-law and A-law expansion to 16-bit linear PCM, as 256-entry tables. */
final class G711 {

    private static final short[] ULAW = new short[256];
    private static final short[] ALAW = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW[i] = (short) ulawToLinear(i);
            ALAW[i] = (short) alawToLinear(i);
        }
    }

    private G711() {
    }

    static short ulaw(byte b) {
        return ULAW[b & 0xFF];
    }

    static short alaw(byte b) {
        return ALAW[b & 0xFF];
    }

    // Codewords are stored inverted; the bias of 0x84 (132) is the one the encoder added.
    private static int ulawToLinear(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int magnitude = ((((u & 0x0F) << 3) + 0x84) << exponent) - 0x84;
        return (u & 0x80) != 0 ? -magnitude : magnitude;
    }

    // Even bits are inverted on the wire (XOR 0x55); the sign bit set means positive.
    private static int alawToLinear(int code) {
        int a = code ^ 0x55;
        int magnitude = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            magnitude += 8;
        } else {
            magnitude = (magnitude + 0x108) << (segment - 1);
        }
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
