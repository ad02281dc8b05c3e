package org.earshot.speech.redact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.earshot.speech.AnalysisHints.PartySpan;

/**
 * Turns the PBX's keypad spans (one per key press, or per run) into keypad findings: presses of one
 * party at most {@value KeypadTones#MAX_GAP_SECONDS} s apart become one run, like tones found in the
 * audio. Unlike tones, every run counts, even of one key: the PBX saw the keys, nothing was guessed.
 */
public final class KeypadHints {

    private KeypadHints() {
    }

    /**
     * @param partyOverride the party every finding is given (the mixed party of a mono recording), or null
     *                      for each span's own
     */
    public static List<Finding> runs(List<PartySpan> spans, String partyOverride, double durationSeconds) {
        return merge(spans.stream().filter(s -> s.start() < durationSeconds)
                .map(s -> new Finding(partyOverride != null ? partyOverride : s.party().key(), Finding.KEYPAD_DIGITS,
                        s.start(), Math.min(durationSeconds, s.end())))
                .toList());
    }

    /**
     * Keypad findings of one party at most {@value KeypadTones#MAX_GAP_SECONDS} s apart joined into one
     * (the PBX's events and the tones in the audio often describe the same presses), in time order.
     */
    public static List<Finding> merge(List<Finding> keypad) {
        List<Finding> runs = new ArrayList<>();
        for (Finding f : keypad.stream().sorted(Comparator.comparingDouble(Finding::start)).toList()) {
            int last = lastOf(runs, f.party());
            if (last >= 0 && f.start() - runs.get(last).end() <= KeypadTones.MAX_GAP_SECONDS) {
                Finding run = runs.get(last);
                runs.set(last, new Finding(f.party(), Finding.KEYPAD_DIGITS, run.start(), Math.max(run.end(), f.end())));
            } else {
                runs.add(f);
            }
        }
        return List.copyOf(runs);
    }

    private static int lastOf(List<Finding> runs, String party) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).party().equals(party)) {
                return i;
            }
        }
        return -1;
    }
}
