package org.earshot.speech.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ArousalTest {

    @Test
    void oneUnitOfEachMeasureIsFullArousal() {
        assertThat(Arousal.combine(4.0, 6.0, 0.30)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void unmeasuredComponentsAreLeftOutOfTheMean() {
        assertThat(Arousal.combine(2.0, Double.NaN, Double.NaN)).isCloseTo(0.5, within(1e-9));
        assertThat(Arousal.combine(Double.NaN, Double.NaN, Double.NaN)).isZero();
    }

    @Test
    void arousalIsClampedToMinusOneToOne() {
        assertThat(Arousal.combine(40, 60, 3)).isEqualTo(1.0);
        assertThat(Arousal.combine(-40, -60, -3)).isEqualTo(-1.0);
    }
}
