package org.earshot.speech.turns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.earshot.speech.AnalysisReport.Span;
import org.earshot.speech.vad.Spurt;
import org.junit.jupiter.api.Test;

class SilenceTest {

    @Test
    void gapOfThreeSecondsOrMoreOnBothChannelsIsDeadAir() {
        Silence silence = Silence.of(List.of(
                List.of(Spurt.ofSeconds(1, 4), Spurt.ofSeconds(12, 14)),
                List.of(Spurt.ofSeconds(3, 6), Spurt.ofSeconds(8.5, 9))));

        // 6..8.5 is 2.5 s: not dead air; 9..12 is 3 s: dead air
        assertThat(silence.deadAir()).containsExactly(new Span(9.0, 12.0));
    }

    @Test
    void silenceBeforeTheFirstAndAfterTheLastSpurtIsNotDeadAir() {
        Silence silence = Silence.of(List.of(List.of(Spurt.ofSeconds(10, 12)), List.of()));

        assertThat(silence.deadAir()).isEmpty();
    }

    @Test
    void silenceRatioCountsTimeWithNoSpeechOnAnyChannel() {
        Silence silence = Silence.of(List.of(List.of(Spurt.ofSeconds(0, 4)), List.of(Spurt.ofSeconds(2, 6))));

        assertThat(silence.silenceRatio(10.0)).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void mutedTimeIsNeverDeadAirAndWhatIsLeftOfAGapCountsOnlyIfItStillLastsThreeSeconds() {
        List<List<Spurt>> speech = List.of(List.of(Spurt.ofSeconds(0, 2), Spurt.ofSeconds(30, 31)), List.of());

        // 2..30 silent; muted 3..25: 2..3 is 1 s (not dead air), 25..30 is 5 s (dead air)
        assertThat(Silence.of(speech, List.of(new Span(3, 25))).deadAir()).containsExactly(new Span(25.0, 30.0));
        assertThat(Silence.of(speech, List.of(new Span(1, 31))).deadAir()).isEmpty();
    }
}
