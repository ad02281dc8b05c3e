package org.earshot.server.demo;

import java.io.IOException;
import java.util.Optional;

/** Turns text into speech for the recorded demo calls. */
interface Synthesizer {

    /** Mono samples in -1..1 at {@code sampleRate}. */
    record Speech(double[] samples, int sampleRate) {
    }

    /** Why no speech can be made on this machine, with what to do about it; empty when it can. */
    Optional<String> unavailable();

    /**
     * @param rate  words per minute
     * @param pitch 0-99 (espeak's scale, 50 is the voice's normal pitch)
     */
    Speech speak(String text, String voice, int rate, int pitch) throws IOException;
}
