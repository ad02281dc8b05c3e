package org.earshot.speech.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Word valence from the VADER lexicon (-4 … +4; source and licence in VADER-NOTICE.txt beside the
 * file), with VADER's negation rule: a negator within the three words before flips and damps it.
 */
public final class Lexicon {

    static final String RESOURCE = "vader-lexicon.tsv";
    /** VADER's N_SCALAR: "not good" is about three quarters as bad as "good" is good. */
    static final double NEGATION_SCALE = -0.74;
    static final int NEGATION_REACH = 3;
    /** VADER's negators as a recogniser spells them (Vosk writes "don't", never "dont"). */
    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "nothing", "nobody", "none", "neither",
            "nor", "cannot", "can't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't",
            "wouldn't", "shouldn't", "couldn't", "haven't", "hasn't", "hadn't", "ain't", "without");

    private final Map<String, Double> valence;

    private Lexicon(Map<String, Double> valence) {
        this.valence = Map.copyOf(valence);
    }

    /** Reads the bundled lexicon; a missing resource is a broken build. */
    public static Lexicon load() {
        Map<String, Double> map = new HashMap<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath: broken build of earshot-speech");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    map.put(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new Lexicon(map);
    }

    /** Valence of {@code words.get(i)} in its context, 0 when the word carries none. */
    double valence(List<String> words, int i) {
        Double v = valence.get(words.get(i));
        if (v == null) {
            return 0;
        }
        for (int k = Math.max(0, i - NEGATION_REACH); k < i; k++) {
            if (NEGATORS.contains(words.get(k))) {
                return v * NEGATION_SCALE;
            }
        }
        return v;
    }

    /** VADER's normalisation of a sum of valences into (-1, 1): x / sqrt(x² + 15). */
    static double normalise(double sum) {
        return sum / Math.sqrt(sum * sum + 15);
    }
}
