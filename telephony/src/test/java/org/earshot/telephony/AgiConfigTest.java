package org.earshot.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing the FastAGI keys of earshot.conf: good values and errors that name the key and the value. */
class AgiConfigTest {

    @Test
    void configKeysBecomeSettingsWithPerQueueRules() {
        AgiSettings s = AgiSettings.fromConfig(Map.of("agi-port", "4574", "time-zone", "Europe/Berlin",
                "queue.support.assignment", "round-robin", "queue.support.hours", "mon-fri 08:00-18:00",
                "queue.support.holidays", "2026-12-25", "queue.sales.assignment", "balanced",
                "survey.prompt.csat", "custom/earshot-csat", "http-port", "8080"));

        assertThat(s.port()).isEqualTo(4574);
        assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.queues()).containsOnlyKeys("support", "sales");
        assertThat(s.queue("support").assignment()).isEqualTo(QueueRouting.Assignment.ROUND_ROBIN);
        assertThat(s.queue("support").zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.queue("sales").hours()).isEqualTo(OpeningHours.ALWAYS);
        assertThat(s.queue("other").assignment()).isEqualTo(QueueRouting.Assignment.UNASSIGNED);
        assertThat(s.survey().csat()).isEqualTo("custom/earshot-csat");
        assertThat(s.survey().nps()).isEqualTo("beep");
        assertThat(s.survey().answerTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void emptyConfigGivesTheDefaultPortAndUtc() {
        AgiSettings s = AgiSettings.fromConfig(Map.of());
        assertThat(s.port()).isEqualTo(4573);
        assertThat(s.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(s.queues()).isEmpty();
    }

    @Test
    void unknownAssignmentRuleIsRejectedNamingKeyValueAndAllowedValues() {
        assertThatThrownBy(() -> AgiSettings.fromConfig(Map.of("queue.support.assignment", "random")))
                .hasMessage("queue.support.assignment = 'random' is not an assignment rule "
                        + "(allowed: unassigned, round-robin, balanced)");
    }

    @Test
    void badHoursAreRejectedNamingKeyAndThePartThatDoesNotParse() {
        assertThatThrownBy(() -> AgiSettings.fromConfig(Map.of("queue.support.hours", "mon-fry 08:00-18:00")))
                .hasMessageContaining("queue.support.hours = 'mon-fry 08:00-18:00'")
                .hasMessageContaining("unknown day 'fry'");
        assertThatThrownBy(() -> OpeningHours.parse("mon 18:00-08:00")).hasMessageContaining("two entries");
        assertThatThrownBy(() -> OpeningHours.parse("mon 8h-18h")).hasMessageContaining("'8h' is not a time");
    }

    @Test
    void badHolidayAndBadPortAndBadZoneNameTheirKeys() {
        assertThatThrownBy(() -> AgiSettings.fromConfig(Map.of("queue.support.holidays", "2026-12-25,25.12.2026")))
                .hasMessageContaining("queue.support.holidays").hasMessageContaining("'25.12.2026'");
        assertThatThrownBy(() -> AgiSettings.fromConfig(Map.of("agi-port", "70000")))
                .hasMessageContaining("agi-port must be 0-65535");
        assertThatThrownBy(() -> AgiSettings.fromConfig(Map.of("agi-port", "x")))
                .hasMessage("agi-port = 'x' is not a whole number");
        assertThatThrownBy(() -> AgiSettings.fromConfig(Map.of("time-zone", "Mars/Olympus")))
                .hasMessageContaining("time-zone = 'Mars/Olympus'");
    }

    @Test
    void openingHoursAcceptDayListsWrappingRangesSplitWindowsAndMidnight() {
        OpeningHours h = OpeningHours.parse("mon,wed 08:00-12:00,13:00-17:00; fri-sun 20:00-24:00");

        assertThat(h.isOpen(DayOfWeek.WEDNESDAY, LocalTime.of(12, 30))).isFalse();
        assertThat(h.isOpen(DayOfWeek.WEDNESDAY, LocalTime.of(13, 0))).isTrue();
        assertThat(h.isOpen(DayOfWeek.MONDAY, LocalTime.of(17, 0))).as("close is exclusive").isFalse();
        assertThat(h.isOpen(DayOfWeek.SUNDAY, LocalTime.of(23, 59, 59))).isTrue();
        assertThat(h.isOpen(DayOfWeek.TUESDAY, LocalTime.of(9, 0))).isFalse();
        assertThat(h.toString()).startsWith("mon 08:00-12:00; mon 13:00-17:00; wed 08:00-12:00");
    }
}
