package org.earshot.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
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
    void theBundledModelDecodesWithTheTelephoneSearchAndAModelOfOnesOwnWithItsOwn() {
        assertThat(new SpeechSettings(null, Path.of("cache"), ChannelRoles.CUSTOMER_AGENT, 2).search())
                .isEqualTo(SpeechSettings.DecoderSearch.TELEPHONE);
        assertThat(new SpeechSettings(Path.of("/opt/vosk/model"), Path.of("cache"), ChannelRoles.CUSTOMER_AGENT, 2).search())
                .isNull();
    }

    @Test
    void aBadDecoderSearchNamesItsKeyAndValue() {
        assertThatThrownBy(() -> new SpeechSettings.DecoderSearch(0, 3000, 50, 2.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beam").hasMessageContaining("0.0");
        assertThatThrownBy(() -> new SpeechSettings.DecoderSearch(8, 100, 200, 2.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minActive=200 maxActive=100");
    }

    @Test
    void recordingsUpToFourHoursAreAnalysedByDefaultAndANonPositiveLimitNamesTheSetting() {
        SpeechSettings s = new SpeechSettings(null, Path.of("cache"), ChannelRoles.CUSTOMER_AGENT, 2);

        assertThat(s.maxRecordingLength()).isEqualTo(Duration.ofHours(4));
        assertThat(s.withMaxRecordingLength(Duration.ofHours(1)).maxRecordingLength()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> s.withMaxRecordingLength(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-recording-hours");
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

    @Test
    void pciRedactionIsOnByDefaultAndTheConfigValueIsOnOrOff() {
        SpeechSettings s = new SpeechSettings(null, Path.of("cache"), ChannelRoles.CUSTOMER_AGENT, 2);
        assertThat(s.pciRedaction()).isTrue();
        assertThat(s.withPciRedaction(false).pciRedaction()).isFalse();
        assertThat(s.withPciRedaction(false).withMaxRecordingLength(Duration.ofHours(1)).pciRedaction()).isFalse();
        assertThat(SpeechSettings.parsePciRedaction(" OFF ")).isFalse();
        assertThat(SpeechSettings.parsePciRedaction("on")).isTrue();
        assertThatThrownBy(() -> SpeechSettings.parsePciRedaction("yes"))
                .hasMessageContaining("pci-redaction").hasMessageContaining("'yes'");
    }
}
