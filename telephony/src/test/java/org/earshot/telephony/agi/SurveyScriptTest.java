package org.earshot.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.earshot.telephony.testing.FakeAsterisk.HANG_UP;
import static org.earshot.telephony.testing.FakeAsterisk.TIMEOUT;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.earshot.telephony.AgiServer;
import org.earshot.telephony.SurveyAnswers;
import org.earshot.telephony.SurveySettings;
import org.earshot.telephony.testing.FakeAsterisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The survey script driven by a fake Asterisk over a real socket. */
class SurveyScriptTest {

    private static final Instant NOW = Instant.parse("2026-11-23T00:22:00Z");
    private static final String LINKED = "earshot-lab-1795393267.32";
    private final List<SurveyAnswers> saved = new CopyOnWriteArrayList<>();
    private AgiServer server;
    private int port;

    @BeforeEach
    void start() {
        server = new AgiServer(Agi.settings(ZoneId.of("UTC")), Map.of("survey",
                new SurveyScript(SurveySettings.DEFAULTS, saved::add, Clock.fixed(NOW, ZoneOffset.UTC))));
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static FakeAsterisk survey() {
        return FakeAsterisk.call("survey?linkedid=" + LINKED);
    }

    @Test
    void callerWhoAnswersEveryQuestionHasAllThreeSavedAgainstTheLinkedId() throws Exception {
        FakeAsterisk.Session s = survey().keys("4", "10", "2").dial(port);

        assertThat(saved).containsExactly(new SurveyAnswers(LINKED, "earshot-lab-1795393267.33", "5550108",
                4, 10, 2, NOW));
        assertThat(s.commands()).containsExactly("ANSWER", "STREAM FILE beep \"\"",
                "GET DATA beep 5000 1", "GET DATA beep 5000 2", "GET DATA beep 5000 1",
                "STREAM FILE auth-thankyou \"\"");
    }

    @Test
    void invalidAnswerHearsTheInvalidPromptAndTheRetryCounts() throws Exception {
        FakeAsterisk.Session s = survey().keys("9", "5", "11", "7", "8", "1").dial(port);

        assertThat(saved).singleElement().satisfies(a -> {
            assertThat(a.csat()).isEqualTo(5);
            assertThat(a.nps()).isEqualTo(7);
            assertThat(a.ces()).isEqualTo(1);
        });
        assertThat(s.commands()).filteredOn(c -> c.contains("option-is-invalid")).hasSize(3);
    }

    @Test
    void questionWithNoAnswerTwiceIsSkippedWithoutTheInvalidPrompt() throws Exception {
        FakeAsterisk.Session s = survey().keys(TIMEOUT, TIMEOUT, "0", "3").dial(port);

        assertThat(saved).singleElement().satisfies(a -> {
            assertThat(a.csat()).isNull();
            assertThat(a.nps()).isZero();
            assertThat(a.ces()).isEqualTo(3);
        });
        assertThat(s.commands()).noneMatch(c -> c.contains("option-is-invalid"));
    }

    @Test
    void callerWhoHangsUpMidSurveyHasTheAnswersSoFarSaved() throws Exception {
        FakeAsterisk.Session s = survey().keys("5", HANG_UP).dial(port);

        assertThat(saved).containsExactly(new SurveyAnswers(LINKED, "earshot-lab-1795393267.33", "5550108",
                5, null, null, NOW));
        assertThat(s.commands()).last().isEqualTo("GET DATA beep 5000 2");
    }

    @Test
    void callerWhoHangsUpBetweenCommandsEndsTheSurveyAtTheDeadChannelReply() throws Exception {
        // Command 3 is the NPS question: Asterisk answers HANGUP + 511 as in the capture.
        survey().keys("2").hangUpAtCommand(3).dial(port);

        assertThat(saved).singleElement().satisfies(a -> assertThat(a.csat()).isEqualTo(2));
    }

    @Test
    void callerWhoHangsUpBeforeAnyAnswerSavesNothing() throws Exception {
        survey().keys(HANG_UP).dial(port);

        assertThat(saved).isEmpty();
    }

    @Test
    void withoutALinkedIdParameterTheSurveyChannelsUniqueIdIsUsed() throws Exception {
        FakeAsterisk.call("survey").keys("3", TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT).dial(port);

        assertThat(saved).singleElement().satisfies(a -> {
            assertThat(a.linkedId()).isEqualTo("earshot-lab-1795393267.33");
            assertThat(a.csat()).isEqualTo(3);
        });
    }
}
