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
import java.util.zip.GZIPInputStream;

/**
 * Real telephone speech with known words: Asterisk's core prompts, voice of Allison Smith (Debian
 * packages asterisk-core-sounds-en-wav and asterisk-core-sounds-en, whose core-sounds-en.txt.gz
 * gives each prompt's text). A fixed, spread-out selection keeps test time low.
 */
public final class AllisonPrompts {

    public static final Path SOUNDS = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");
    public static final Path TEXTS = Path.of("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz");

    /** A prompt file and what Allison says in it, lower case, punctuation removed. */
    public record Prompt(Path file, String text) {
    }

    private AllisonPrompts() {
    }

    public static boolean installed() {
        return Files.isDirectory(SOUNDS) && Files.isRegularFile(TEXTS);
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
