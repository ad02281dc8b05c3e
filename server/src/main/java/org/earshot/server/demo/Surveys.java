package org.earshot.server.demo;

import java.time.Instant;
import java.util.Random;
import org.earshot.server.demo.DemoFloor.Agent;

/**
 * The post-call IVR survey of a demo call, scored from how the call went: a long wait, hold, a
 * transfer or an unsolved problem lower it, a well-liked agent raises it. Some callers hang up
 * part-way, so later questions have fewer answers, as with the real FastAGI survey.
 */
final class Surveys {

    private final Random random;

    Surveys(Random random) {
        this.random = random;
    }

    DemoCall.Survey answer(Agent agent, double waitSeconds, double holdSeconds, boolean resolved, boolean transferred,
                           Instant callEnded) {
        double score = agent.rapport() - 0.5 * waitSeconds / 60 - (holdSeconds > 60 ? 0.3 : 0)
                - (transferred ? 0.3 : 0) - (resolved ? 0 : 1.3) + 0.7 * random.nextGaussian();
        return scored(score, callEnded);
    }

    /** Answers for a caller whose mood is known (-2 angry .. 1 delighted), e.g. a recorded demo call. */
    DemoCall.Survey answer(double mood, Instant callEnded) {
        return scored(mood + 0.2 * random.nextGaussian(), callEnded);
    }

    private DemoCall.Survey scored(double score, Instant callEnded) {
        int csat = (int) CallSimulator.clamp(Math.round(4.0 + 0.9 * score), 1, 5);
        int nps = (int) CallSimulator.clamp(Math.round(7.6 + 1.7 * score), 0, 10);
        int ces = (int) CallSimulator.clamp(Math.round(2.6 - 1.1 * score), 1, 7);
        double hangUp = random.nextDouble(); // about one in five stops before the last question
        return new DemoCall.Survey(csat, hangUp < 0.1 ? null : nps, hangUp < 0.2 ? null : ces, callEnded.plusSeconds(50));
    }
}
