package org.earshot.telephony.agi;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.earshot.telephony.SurveyAnswers;
import org.earshot.telephony.SurveySettings;
import org.earshot.telephony.SurveySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agi://host:4573/survey?linkedid=${CHANNEL(linkedid)}}: the post-call survey. Asks CSAT (1–5), NPS
 * (0–10, two digits or one digit then #) and CES (1–7) by DTMF; an invalid or missing answer gets one retry,
 * then the question is skipped. When the caller hangs up, what was answered so far is saved.
 */
public final class SurveyScript implements AgiScript {

    private static final Logger log = LoggerFactory.getLogger(SurveyScript.class);

    private final SurveySettings settings;
    private final SurveySink sink;
    private final Clock clock;

    public SurveyScript(SurveySettings settings, SurveySink sink, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One question: prompt, accepted range, and how many digits may be typed. */
    private record Question(String name, String prompt, int min, int max, int maxDigits) {
        Integer parse(String digits) {
            if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(digits);
            return v >= min && v <= max ? v : null;
        }
    }

    /** Answers so far; owned by one run. */
    private static final class Answers {
        Integer csat;
        Integer nps;
        Integer ces;
    }

    @Override
    public void run(AgiChannel channel) throws IOException {
        AgiRequest call = channel.request();
        Answers answers = new Answers();
        try {
            channel.answer();
            channel.streamFile(settings.intro(), "");
            answers.csat = ask(channel, new Question("csat", settings.csat(), 1, 5, 1));
            answers.nps = ask(channel, new Question("nps", settings.nps(), 0, 10, 2));
            answers.ces = ask(channel, new Question("ces", settings.ces(), 1, 7, 1));
            channel.streamFile(settings.thanks(), "");
        } catch (AgiHangupException e) {
            log.info("Survey of call {}: caller hung up ({})", call.uniqueId(), e.getMessage());
        } finally {
            save(call, answers);
        }
    }

    private Integer ask(AgiChannel channel, Question q) throws AgiException {
        for (int attempt = 1; attempt <= 2; attempt++) {
            String digits = channel.getData(q.prompt(), settings.answerTimeout(), q.maxDigits());
            Integer value = q.parse(digits);
            if (value != null) {
                return value;
            }
            log.debug("Survey {} attempt {}: '{}' is not {}-{}", q.name(), attempt, digits, q.min(), q.max());
            if (attempt == 1 && !digits.isEmpty()) {
                channel.streamFile(settings.invalid(), "");
            }
        }
        return null;
    }

    private void save(AgiRequest call, Answers a) {
        String linkedId = call.parameter("linkedid").orElse(call.uniqueId());
        if (linkedId == null) {
            log.warn("Survey answers dropped: Asterisk sent neither linkedid= nor agi_uniqueid");
            return;
        }
        SurveyAnswers answers = new SurveyAnswers(linkedId, call.uniqueId(), call.callerId(), a.csat, a.nps, a.ces,
                clock.instant());
        if (!answers.any()) {
            log.info("Survey of call {}: no answers", linkedId);
            return;
        }
        log.info("Survey of call {}: csat={} nps={} ces={}", linkedId, a.csat, a.nps, a.ces);
        sink.save(answers);
    }
}
