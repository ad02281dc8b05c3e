package org.earshot.speech.audio;

/** Where the samples are in a file and how they are encoded: what a header (or a file name) tells us. */
record AudioLayout(SampleEncoding encoding, int channels, int sampleRate, long dataStart, long dataLength) {

    int bytesPerFrame() {
        return encoding.bytesPerSample() * channels;
    }

    /** Whole sample frames in the data; a trailing partial frame (a cut-off write) is ignored. */
    long frames() {
        return dataLength / bytesPerFrame();
    }
}
