package org.earshot.speech;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

/**
 * Real telephone speech with known words: Asterisk's core prompts, voice of Allison Smith (Debian
 * packages asterisk-core-sounds-en-wav and asterisk-core-sounds-en, whose core-sounds-en.txt.gz
 * gives each prompt's text). A fixed, spread-out selection keeps test time low.
 *
 * <p>The prompts are split in two halves by a hash of the prompt's name ({@link #half}): whatever
 * tunes the recogniser (the decoder search, the dither, the padding; {@code bench/run speech.SpeechBench}
 * builds its audio from the tuning half only) may read the {@link Half#TUNING} half; the WER test
 * reads only the {@link Half#HELD_OUT} one, so its figure is not one the tuning was fitted to.
 */
public final class AllisonPrompts {

    public static final Path SOUNDS = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");
    public static final Path TEXTS = Path.of("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz");

    /** Which side of the split a prompt is on. */
    public enum Half {
        TUNING, HELD_OUT
    }

    /** A prompt file and what Allison says in it, lower case, punctuation removed. */
    public record Prompt(Path file, String text) {
    }

    private AllisonPrompts() {
    }

    public static boolean installed() {
        return Files.isDirectory(SOUNDS) && Files.isRegularFile(TEXTS);
    }

    /**
     * The half a prompt is in: the low bit of the CRC-32 of its file name without {@code .wav}
     * (e.g. {@code vm-goodbye}), UTF-8; 1 = held out. Fixed by the name alone, so adding or
     * removing prompts never moves one from one half to the other. bench's {@code BenchAudio} applies
     * the same rule.
     */
    public static Half half(String promptName) {
        CRC32 crc = new CRC32();
        crc.update(promptName.getBytes(StandardCharsets.UTF_8));
        return (crc.getValue() & 1) == 1 ? Half.HELD_OUT : Half.TUNING;
    }

    /** Every spoken prompt of {@code half} with at least {@code minWords} words, sorted by name. */
    public static List<Prompt> select(Half half, int minWords) throws IOException {
        return select(Integer.MAX_VALUE, 1, minWords).stream().filter(p -> half(name(p.file())) == half).toList();
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".wav".length());
    }

    /**
     * Every {@code step}-th spoken prompt (sorted by name) of at least {@code minWords} words,
     * up to {@code count}: tone files ("[ascending tones]") and one-word prompts are skipped.
     */
    public static List<Prompt> select(int count, int step, int minWords) throws IOException {
        List<Prompt> all = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(TEXTS)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int colon = line.indexOf(": ");
                if (line.startsWith(";") || colon < 0 || line.contains("[") || line.substring(0, colon).contains("/")) {
                    continue;
                }
                Path file = SOUNDS.resolve(line.substring(0, colon) + ".wav");
                String text = normalise(line.substring(colon + 2));
                if (Files.isRegularFile(file) && text.split(" ").length >= minWords) {
                    all.add(new Prompt(file, text));
                }
            }
        }
        all.sort((a, b) -> a.file().compareTo(b.file()));
        List<Prompt> picked = new ArrayList<>();
        for (int i = 0; i < all.size() && picked.size() < count; i += step) {
            picked.add(all.get(i));
        }
        return picked;
    }

    /** Lower case, digits and letters and apostrophes only, single spaces. */
    public static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").replaceAll("\\s+", " ").strip();
    }
}
