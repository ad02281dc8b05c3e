package org.earshot.speech.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.live.Interruptions.Verdict;
import org.earshot.speech.turns.Overlaps;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

class InterruptionsTest {

    @Test
    void onFinishedSpurtsTheLiveVerdictIsThePostCallReportsInterruption() {
        SplittableRandom random = new SplittableRandom(17); // speech has no jqwik: 500 seeded cases
        for (int n = 0; n < 500; n++) {
            List<Spurt> a = spurts(random.ints(1 + random.nextInt(8), 1, 300).boxed().toList());
            List<Spurt> b = spurts(random.ints(1 + random.nextInt(8), 1, 300).boxed().toList());
            sameVerdicts(a, b);
        }
    }

    private static void sameVerdicts(List<Spurt> a, List<Spurt> b) {
        List<Overlap> report = Overlaps.find("agent", a, "customer", b);
        for (Spurt s : b) {
            boolean expected = report.stream().anyMatch(o -> o.by().equals("customer")
                    && o.kind().equals(Overlaps.INTERRUPTION) && o.start() == s.start());
            Verdict live = Interruptions.verdict(s, true, a, -1);
            assertThat(live).as("customer %s against agent %s", s, a)
                    .isEqualTo(expected ? Verdict.INTERRUPTION : Verdict.NONE);
        }
    }

    @Test
    void aShortSpurtInsideTheOthersOpenOneWaitsUntilItEnds() {
        Spurt agent = new Spurt(0, 300); // still open
        Spurt customer = new Spurt(100, 150); // 0.5 s so far, open: may yet reach 1 s

        assertThat(Interruptions.verdict(customer, false, List.of(agent), 0)).isEqualTo(Verdict.WAIT);
        assertThat(Interruptions.verdict(customer, true, List.of(agent), 0)).isEqualTo(Verdict.NONE); // backchannel
    }

    @Test
    void speakingOneSecondOverTheOtherIsAnInterruptionBeforeEitherSpurtEnds() {
        Spurt agent = new Spurt(0, 300);
        Spurt customer = new Spurt(100, 200);

        assertThat(Interruptions.verdict(customer, false, List.of(agent), 0)).isEqualTo(Verdict.INTERRUPTION);
    }

    @Test
    void startingInTheOthersPauseWaitsWhileThatPauseMayStillBeBridged() {
        Spurt agentSoFar = new Spurt(0, 90); // open: a pause under 300 ms after it would join the next run
        Spurt customer = new Spurt(100, 250);

        assertThat(Interruptions.verdict(customer, false, List.of(agentSoFar), 0)).isEqualTo(Verdict.WAIT);
        assertThat(Interruptions.verdict(customer, false, List.of(new Spurt(0, 90)), -1)).isEqualTo(Verdict.NONE);
    }

    /** Sorted, disjoint spurts from alternating lengths and gaps. */
    private static List<Spurt> spurts(List<Integer> sizes) {
        List<Spurt> out = new ArrayList<>();
        int at = sizes.get(0) % 50;
        for (int i = 0; i < sizes.size(); i++) {
            int length = 10 + sizes.get(i) % 200;
            out.add(new Spurt(at, at + length));
            at += length + 1 + sizes.get((i + 1) % sizes.size()) % 150;
        }
        return out;
    }
}
