package org.earshot.speech.prosody;

import java.util.Arrays;
import java.util.List;
import org.earshot.speech.vad.Spurt;

/**
 * One channel's prosody: the SPEC's per-party measures (null = not measured) and the frame tracks
 * behind them, which sentiment reads per spurt and per window against the whole-call baseline.
 */
public final class PartyProsody {

    private final float[] smoothedPitchHz;
    private final double[] energy;
    private final int[] nuclei;
    private final PitchStats pitch;
    private final Double loudnessDb;
    private final double talkSeconds;

    PartyProsody(float[] smoothedPitchHz, double[] energy, int[] nuclei, List<Spurt> spurts) {
        this.smoothedPitchHz = smoothedPitchHz;
        this.energy = energy;
        this.nuclei = nuclei;
        this.pitch = PitchStats.of(smoothedPitchHz, spurts);
        this.talkSeconds = spurts.stream().mapToDouble(Spurt::seconds).sum();
        this.loudnessDb = spurts.isEmpty() ? null : (double) LevelMeter.db(meanEnergy(spurts));
    }

    public Double pitchMedianHz() {
        return pitch == null ? null : pitch.medianHz();
    }

    public Double pitchSdSemitones() {
        return pitch == null ? null : pitch.sdSemitones();
    }

    public Double pitchRangeSemitones() {
        return pitch == null ? null : pitch.rangeSemitones();
    }

    public Double intonationShiftsPerMinute() {
        return pitch == null || talkSeconds <= 0 ? null : pitch.shifts() / (talkSeconds / 60);
    }

    /** RMS level in dBFS over the talk frames. */
    public Double loudnessDb() {
        return loudnessDb;
    }

    public Double syllablesPerSecond() {
        return talkSeconds <= 0 ? null : nuclei.length / talkSeconds;
    }

    /** Median pitch of {@code [from, to)} frames, NaN when too little of it is voiced. */
    public double pitchMedianHz(int from, int to) {
        return PitchStats.median(smoothedPitchHz, from, Math.min(to, smoothedPitchHz.length));
    }

    /** Robust SD in semitones of the voiced pitch in {@code [from, to)} frames, NaN when too little of it is voiced. */
    public double pitchSpreadSemitones(int from, int to) {
        return PitchStats.spreadSemitones(smoothedPitchHz, from, Math.min(to, smoothedPitchHz.length));
    }

    /** RMS level in dBFS of {@code [from, to)} frames. */
    public double loudnessDb(int from, int to) {
        return LevelMeter.db(meanEnergy(List.of(new Spurt(from, Math.max(from + 1, to)))));
    }

    /** Syllable nuclei in {@code [from, to)} frames. */
    public int syllables(int from, int to) {
        int lo = Arrays.binarySearch(nuclei, from);
        int hi = Arrays.binarySearch(nuclei, to);
        return (hi < 0 ? -hi - 1 : hi) - (lo < 0 ? -lo - 1 : lo);
    }

    private double meanEnergy(List<Spurt> spurts) {
        double sum = 0;
        long n = 0;
        for (Spurt s : spurts) {
            for (int f = s.startFrame(); f < Math.min(s.endFrame(), energy.length); f++) {
                sum += energy[f];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
