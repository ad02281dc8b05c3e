package org.earshot.bench.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import org.earshot.speech.audio.RecordingReader;

/**
 * A stereo call of real telephone speech with its reference text: Asterisk's Allison prompts (Debian
 * asterisk-core-sounds-en-wav and -en for the texts) as turns, customer (left) and agent (right) taking turns
 * with 0.3–1.5 s between them, a little line hiss on the customer's leg, as MixMonitor's {@code D} option
 * writes it (s16le, 2 channels, 8 kHz). Only the prompts speech's WER test holds out (the low bit of the
 * CRC-32 of the name is 1) and of 3+ words, so no figure here is one the decoder was tuned on.
 */
record PromptCall(byte[] raw, Map<String, String> reference) {

    static final Path SOUNDS = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");
    static final Path TEXTS = Path.of("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz");
    static final int RATE = 8000;
    private static final double HISS_RMS = 32768 * Math.pow(10, -50 / 20.0);

    record Prompt(Path file, String text) {
    }

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
        return Files.isDirectory(SOUNDS) && Files.isRegularFile(TEXTS);
    }

    static List<Prompt> heldOut() throws IOException {
        if (!installed()) {
            throw new IllegalStateException("live benchmarks need the Allison prompts " + SOUNDS + " and their texts " + TEXTS
                    + " (Debian packages asterisk-core-sounds-en-wav and asterisk-core-sounds-en)");
        }
        List<Prompt> all = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(TEXTS)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int colon = line.indexOf(": ");
                if (line.startsWith(";") || colon < 0 || line.contains("[") || line.substring(0, colon).contains("/")) {
                    continue;
                }
                String name = line.substring(0, colon);
                Path file = SOUNDS.resolve(name + ".wav");
                String text = normalise(line.substring(colon + 2));
                if (Files.isRegularFile(file) && text.split(" ").length >= 3 && heldOut(name)) {
                    all.add(new Prompt(file, text));
                }
            }
        }
        all.sort((a, b) -> a.file().compareTo(b.file()));
        return all;
    }

    private static boolean heldOut(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (crc.getValue() & 1) == 1;
    }

    /** As speech's tests: lower case, letters, digits and apostrophes only. */
    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").replaceAll("\\s+", " ").strip();
    }

    private static final Map<String, String> DIGITS = Map.of("0", "zero", "1", "one", "2", "two", "3", "three",
            "4", "four", "5", "five", "6", "six", "7", "seven", "8", "eight", "9", "nine");

    static List<String> words(String text) {
        return Arrays.stream(normalise(text).split(" ")).filter(w -> !w.isEmpty()).map(w -> DIGITS.getOrDefault(w, w)).toList();
    }

    /** Word-level edit distance: substitutions + deletions + insertions. */
    static int errors(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        int[] prev = new int[hyp.size() + 1];
        int[] cur = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int sub = prev[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[hyp.size()];
    }
}
