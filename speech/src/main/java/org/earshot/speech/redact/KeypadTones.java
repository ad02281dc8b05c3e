package org.earshot.speech.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds runs of keypad (DTMF) tones in one channel with the Goertzel algorithm: 20 ms blocks, the
 * eight DTMF frequencies, and the checks of ITU-T Q.24-style receivers:
 * <ul>
 *   <li>each of the strongest row and column tone is above {@value #MIN_TONE_DBFS} dBFS;</li>
 *   <li>each is at least {@value #GROUP_DOMINANCE_DB} dB above the other tones of its group;</li>
 *   <li>twist: the column tone at most {@value #FORWARD_TWIST_DB} dB below or {@value #REVERSE_TWIST_DB}
 *       dB above the row tone;</li>
 *   <li>the two tones hold at least {@value #TONE_SHARE} of the block's energy (speech spreads its
 *       energy wider).</li>
 * </ul>
 * A digit is a key held for two blocks or more (40 ms; the standard minimum is 40 ms); a run is digits
 * at most {@value #MAX_GAP_SECONDS} s apart, and a run of {@value #MIN_RUN_DIGITS} digits or more is
 * reported (no card number, security code or PIN is shorter; a single "press 1 for sales" is not one).
 * The digits themselves never leave this class except to the tests: only the spans matter.
 */
public final class KeypadTones {

    static final double BLOCK_SECONDS = 0.02;
    static final double MIN_TONE_DBFS = -40;
    static final double GROUP_DOMINANCE_DB = 6;
    static final double FORWARD_TWIST_DB = 8;
    static final double REVERSE_TWIST_DB = 4;
    static final double TONE_SHARE = 0.6;
    static final double MAX_GAP_SECONDS = 3.0;
    static final int MIN_RUN_DIGITS = 4;

    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
    private static final char[][] KEYS = {
            {'1', '2', '3', 'A'}, {'4', '5', '6', 'B'}, {'7', '8', '9', 'C'}, {'*', '0', '#', 'D'}};

    private KeypadTones() {
    }

    /** One key press: the key and when it sounded (seconds). */
    record Tone(char key, double start, double end) {
    }

    /** Runs of {@value #MIN_RUN_DIGITS} or more key tones on {@code samples}, as keypad findings of {@code party}. */
    public static List<Finding> find(String party, short[] samples, int sampleRate) {
        List<Finding> runs = new ArrayList<>();
        List<Tone> run = new ArrayList<>();
        for (Tone t : tones(samples, sampleRate)) {
            if (!run.isEmpty() && t.start() - run.get(run.size() - 1).end() > MAX_GAP_SECONDS) {
                addRun(party, run, runs);
                run.clear();
            }
            run.add(t);
        }
        addRun(party, run, runs);
        return List.copyOf(runs);
    }

    private static void addRun(String party, List<Tone> run, List<Finding> runs) {
        if (run.size() >= MIN_RUN_DIGITS) {
            runs.add(new Finding(party, Finding.KEYPAD_DIGITS, run.get(0).start(), run.get(run.size() - 1).end()));
        }
    }

    /** Every key press on the channel, in time order. */
    static List<Tone> tones(short[] samples, int sampleRate) {
        int n = (int) Math.round(BLOCK_SECONDS * sampleRate);
        List<Tone> tones = new ArrayList<>();
        char held = 0;
        int heldBlocks = 0;
        int heldFrom = 0;
        int blocks = samples.length / n;
        for (int b = 0; b <= blocks; b++) {
            char key = b < blocks ? key(samples, b * n, n, sampleRate) : 0;
            if (key == held) {
                heldBlocks++;
                continue;
            }
            if (held != 0 && heldBlocks >= 2) {
                tones.add(new Tone(held, (double) heldFrom * n / sampleRate, (double) b * n / sampleRate));
            }
            held = key;
            heldBlocks = 1;
            heldFrom = b;
        }
        return tones;
    }

    /** The key sounding in {@code samples[from, from + n)}, or 0. */
    private static char key(short[] samples, int from, int n, int sampleRate) {
        double energy = 0;
        for (int i = from; i < from + n; i++) {
            energy += (double) samples[i] * samples[i];
        }
        double meanPower = energy / n;
        // a full-scale sine has mean power 32768²/2
        double minPower = 32768.0 * 32768.0 / 2 * Math.pow(10, MIN_TONE_DBFS / 10);
        if (meanPower < minPower) {
            return 0;
        }
        double[] row = powers(samples, from, n, sampleRate, ROWS);
        double[] col = powers(samples, from, n, sampleRate, COLUMNS);
        int r = strongest(row);
        int c = strongest(col);
        if (row[r] < minPower || col[c] < minPower || !dominates(row, r) || !dominates(col, c)) {
            return 0;
        }
        double twistDb = 10 * Math.log10(col[c] / row[r]);
        if (twistDb < -FORWARD_TWIST_DB || twistDb > REVERSE_TWIST_DB) {
            return 0;
        }
        return row[r] + col[c] >= TONE_SHARE * meanPower ? KEYS[r][c] : 0;
    }

    /** Each frequency's power in the block, as the mean power of a sine of that amplitude. */
    private static double[] powers(short[] samples, int from, int n, int sampleRate, double[] freqs) {
        double[] p = new double[freqs.length];
        for (int k = 0; k < freqs.length; k++) {
            double coeff = 2 * Math.cos(2 * Math.PI * freqs[k] / sampleRate);
            double s1 = 0;
            double s2 = 0;
            for (int i = from; i < from + n; i++) {
                double s0 = samples[i] + coeff * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            double magnitude2 = s1 * s1 + s2 * s2 - coeff * s1 * s2;
            p[k] = 2 * magnitude2 / ((double) n * n);
        }
        return p;
    }

    private static int strongest(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private static boolean dominates(double[] p, int best) {
        double ratio = Math.pow(10, GROUP_DOMINANCE_DB / 10);
        for (int i = 0; i < p.length; i++) {
            if (i != best && p[i] * ratio > p[best]) {
                return false;
            }
        }
        return true;
    }
}
