package org.earshot.bench.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.earshot.speech.AllisonPrompts;
import org.earshot.speech.AllisonPrompts.Prompt;
import org.earshot.speech.WordErrors;
import org.earshot.speech.audio.RecordingReader;

/**
 * A stereo call of real telephone speech with its reference text: Asterisk's Allison prompts (Debian
 * asterisk-core-sounds-en-wav and -en for the texts) as turns, customer (left) and agent (right) taking turns
 * with 0.3–1.5 s between them, a little line hiss on the customer's leg, as MixMonitor's {@code D} option
 * writes it (s16le, 2 channels, 8 kHz). Only the prompts speech's WER test holds out (the low bit of the
 * CRC-32 of the name is 1) and of 3+ words, so no figure here is one the decoder was tuned on.
 */
record PromptCall(byte[] raw, Map<String, String> reference) {

    static final int RATE = 8000;
    private static final double HISS_RMS = 32768 * Math.pow(10, -50 / 20.0);

    /** A call of at least {@code seconds}, starting at prompt {@code first} (calls with other firsts differ). */
    static PromptCall build(double seconds, int first) throws IOException {
        List<Prompt> prompts = heldOut();
        Random random = new Random(42 + first);
        List<short[]> left = new ArrayList<>();
        List<short[]> right = new ArrayList<>();
        StringBuilder customer = new StringBuilder();
        StringBuilder agent = new StringBuilder();
        long total = 0;
        for (int turn = 0; total < seconds * RATE; turn++) {
            Prompt p = prompts.get((first + turn) % prompts.size());
            short[] speech = RecordingReader.read(p.file()).channel(0);
            int gap = (int) ((0.3 + 1.2 * random.nextDouble()) * RATE);
            short[] voiced = Arrays.copyOf(speech, speech.length + gap);
            short[] quiet = new short[voiced.length];
            boolean customerTurn = turn % 2 == 0;
            (customerTurn ? customer : agent).append(p.text()).append(' ');
            left.add(customerTurn ? voiced : quiet);
            right.add(customerTurn ? quiet : voiced);
            total += voiced.length;
        }
        ByteBuffer out = ByteBuffer.allocate((int) total * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < left.size(); t++) {
            short[] l = left.get(t);
            short[] r = right.get(t);
            for (int i = 0; i < l.length; i++) {
                out.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, l[i] + HISS_RMS * random.nextGaussian())));
                out.putShort(r[i]);
            }
        }
        return new PromptCall(out.array(), Map.of("customer", customer.toString().strip(), "agent", agent.toString().strip()));
    }

    static boolean installed() {
        return AllisonPrompts.installed();
    }

    /** The prompts speech's WER test holds out, of 3+ words, sorted by file. */
    static List<Prompt> heldOut() throws IOException {
        if (!installed()) {
            throw new IllegalStateException("live benchmarks need the Allison prompts " + AllisonPrompts.SOUNDS
                    + " and their texts " + AllisonPrompts.TEXTS
                    + " (Debian packages asterisk-core-sounds-en-wav and asterisk-core-sounds-en)");
        }
        return AllisonPrompts.select(AllisonPrompts.Half.HELD_OUT, 3);
    }

    /** Word-level edit distance of the hypothesis from the reference, as speech's WER test counts it. */
    static int errors(String reference, String hypothesis) {
        return WordErrors.count(reference, hypothesis);
    }
}
