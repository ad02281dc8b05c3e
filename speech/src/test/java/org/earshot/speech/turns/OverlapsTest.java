package org.earshot.speech.turns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.earshot.speech.AnalysisReport.Overlap;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

class OverlapsTest {

    static Spurt s(double start, double end) {
        return Spurt.ofSeconds(start, end);
    }

    @Test
    void longSpurtStartedInsideTheOtherIsAnInterruptionByItsSpeaker() {
        List<Overlap> found = Overlaps.find("customer", List.of(s(0, 5)), "agent", List.of(s(4, 8)));

        assertThat(found).containsExactly(new Overlap(4.0, 5.0, "agent", "interruption"));
    }

    @Test
    void shortSpurtThatEndsFirstIsABackchannel() {
        List<Overlap> found = Overlaps.find("customer", List.of(s(0, 5)), "agent", List.of(s(2, 2.6)));

        assertThat(found).containsExactly(new Overlap(2.0, 2.6, "agent", "backchannel"));
    }

    @Test
    void shortSpurtThatOutlastsTheOtherIsAnInterruption() {
        List<Overlap> found = Overlaps.find("customer", List.of(s(0, 5)), "agent", List.of(s(4.5, 5.3)));

        assertThat(found).containsExactly(new Overlap(4.5, 5.0, "agent", "interruption"));
    }

    @Test
    void lessThan250msTogetherIsNoOverlap() {
        assertThat(Overlaps.find("customer", List.of(s(0, 5)), "agent", List.of(s(4.8, 7)))).isEmpty();
    }

    @Test
    void exactly250msTogetherIsAnOverlap() {
        assertThat(Overlaps.find("customer", List.of(s(0, 5)), "agent", List.of(s(4.75, 7)))).hasSize(1);
    }

    @Test
    void startingTogetherOrInTurnIsNoOverlap() {
        assertThat(Overlaps.find("customer", List.of(s(0, 2), s(5, 6)), "agent", List.of(s(0, 3), s(6, 8)))).isEmpty();
    }

    @Test
    void overlapsOfBothPartiesComeInTimeOrder() {
        List<Overlap> found = Overlaps.find("customer", List.of(s(0, 4), s(9, 12)), "agent", List.of(s(3, 10)));

        assertThat(found).extracting(Overlap::by).containsExactly("agent", "customer");
        assertThat(found).extracting(Overlap::start).containsExactly(3.0, 9.0);
    }
}
