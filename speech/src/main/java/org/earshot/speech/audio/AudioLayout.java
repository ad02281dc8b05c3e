package org.earshot.speech.audio;

/**
 * Where the samples are in a file and how they are encoded: what a header (or a file name) tells us.
 * {@code dataLength} is the bytes of audio the file holds; {@code declaredLength} is what its header
 * says it should hold, or {@link #UNDECLARED} (a {@code .raw} file, a streaming writer's "unknown").
 */
record AudioLayout(SampleEncoding encoding, int channels, int sampleRate, long dataStart, long dataLength,
                   long declaredLength) {

    static final long UNDECLARED = -1;

    int bytesPerFrame() {
        return encoding.bytesPerSample() * channels;
    }

    /** Whole sample frames in the data; a trailing partial frame (a cut-off write) is ignored. */
    long frames() {
        return dataLength / bytesPerFrame();
    }

    /** Whole sample frames the header declares; an odd byte past the last whole frame carries no sample. */
    long declaredFrames() {
        return declaredLength / bytesPerFrame();
    }

    boolean isDeclared() {
        return declaredLength != UNDECLARED;
    }

    /** Bytes of a sample frame the data ends inside of: a write cut off mid-frame. */
    int strayBytes() {
        return (int) (dataLength % bytesPerFrame());
    }
}
