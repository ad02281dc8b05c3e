package org.earshot.server.livespeech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveSpeechSettingsTest {

    @Test
    void withoutLiveKeysLiveAnalysisIsOnWithTheBenchmarkedDefaults() {
        assertThat(LiveSpeechSettings.fromConfig(Map.of())).isEqualTo(new LiveSpeechSettings(true,
                LiveSpeechSettings.DEFAULT_MAX_CALLS, LiveSpeechSettings.DEFAULT_THREADS));
    }

    @Test
    void theKeysSwitchItOffAndSetTheLimits() {
        assertThat(LiveSpeechSettings.fromConfig(Map.of("live.enabled", "false", "live.max-calls", "12",
                "live.threads", "2"))).isEqualTo(new LiveSpeechSettings(false, 12, 2));
    }

    @Test
    void aBadValueIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> LiveSpeechSettings.fromConfig(Map.of("live.max-calls", "many")))
                .hasMessageContaining("live.max-calls").hasMessageContaining("many");
        assertThatThrownBy(() -> LiveSpeechSettings.fromConfig(Map.of("live.max-calls", "0")))
                .hasMessageContaining("live.max-calls").hasMessageContaining("0");
        assertThatThrownBy(() -> LiveSpeechSettings.fromConfig(Map.of("live.threads", "-1")))
                .hasMessageContaining("live.threads").hasMessageContaining("-1");
        assertThatThrownBy(() -> LiveSpeechSettings.fromConfig(Map.of("live.enabled", "maybe")))
                .hasMessageContaining("live.enabled").hasMessageContaining("maybe");
    }
}
