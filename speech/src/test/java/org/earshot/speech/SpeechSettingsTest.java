package org.earshot.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechSettingsTest {

    @Test
    void theFourArgumentConstructorUsesTheDefaultSentimentRules() {
        SpeechSettings s = new SpeechSettings(null, Path.of("cache"), ChannelRoles.CUSTOMER_AGENT, 2);

        assertThat(s.sentiment()).isEqualTo(SpeechSettings.Sentiment.DEFAULTS);
        assertThat(s.sentiment().escalationKeywords()).contains("supervisor", "cancel", "complaint", "manager", "lawyer", "refund");
        assertThat(s.sentiment().longDeadAirSeconds()).isEqualTo(10.0);
    }

    @Test
    void keywordsAreMatchedInLowerCase() {
        var rules = new SpeechSettings.Sentiment(List.of(" Supervisor "), 10, 2, 10, -0.2, 0.2);

        assertThat(rules.escalationKeywords()).containsExactly("supervisor");
    }

    @Test
    void aBadThresholdNamesItsKeyAndValue() {
        assertThatThrownBy(() -> new SpeechSettings.Sentiment(List.of(), -1, 2, 10, -0.2, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longDeadAirSeconds").hasMessageContaining("-1");
        assertThatThrownBy(() -> new SpeechSettings.Sentiment(List.of(), 10, 2, 10, 0.3, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negativeBelow=0.3");
    }
}
