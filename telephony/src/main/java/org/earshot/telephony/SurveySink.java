package org.earshot.telephony;

/**
 * Receives survey answers, once per survey that got at least one answer. Called on the FastAGI worker
 * thread that ran the survey (after the caller's last key press), so it may write to a database.
 */
@FunctionalInterface
public interface SurveySink {
    void save(SurveyAnswers answers);
}
