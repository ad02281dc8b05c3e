package org.earshot.bench.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.HangupSide;
import org.earshot.telephony.RingAttempt;
import org.earshot.telephony.Transfer;

/**
 * A deterministic year of queue calls: call {@code i} of {@code n} is always the same, so a store can be
 * filled from several threads and checked again without holding the calls in memory.
 *
 * <p>Calls come in time order over the {@value #DAYS} days before {@link #END}, 08:00–20:00 UTC; 5 queues
 * of unequal size, 10 agents skilled on each (50), 200,000 callers of whom a few call often (a squared
 * uniform pick: the first 1 % of numbers make about 10 % of the calls). 6 % are abandoned, 1 % time out,
 * 0.5 % leave with a key; 4 % of the answered ones are transferred to a second agent. Waits, talk, hold
 * and after-call work are log-normal around what a contact centre sees (median wait 25 s, talk 4 min).
 * There are no recordings, so a node starting on the store queues no analysis.
 */
public final class YearOfCalls {

    public static final Instant END = Instant.parse("2026-11-30T00:00:00Z");
    public static final int DAYS = 365;
    public static final Instant START = END.minus(Duration.ofDays(DAYS));
    public static final List<String> QUEUES = List.of("billing", "support", "sales", "retention", "general");
    private static final int[] QUEUE_WEIGHTS = {30, 30, 15, 10, 15};
    public static final int CALLERS = 200_000;
    public static final int AGENTS_PER_QUEUE = 10;
    private static final List<String> AGENTS = List.of(("alice bob carol dave erin frank grace heidi ivan judy "
            + "karl laura mallory nina oscar peggy quentin rupert sybil trent ursula victor wendy xavier yvonne "
            + "zach amir bianca chen dmitri elena farid gina hiro ines jamal kofi lena marco nadia "
            + "omar priya quinn rosa sami tara umar vera wei yusuf").split(" "));

    private final int n;
    private final long seed;

    public YearOfCalls(int n, long seed) {
        this.n = n;
        this.seed = seed;
    }

    public int size() {
        return n;
    }

    public static String agent(int queue, int k) {
        return AGENTS.get(queue * AGENTS_PER_QUEUE + k);
    }

    public static String caller(int k) {
        return "+1555" + (1_000_000 + k);
    }

    public CallRecord call(int i) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        long day = (long) i * DAYS / n;
        double ofDay = (double) ((long) i * DAYS % n) / n;
        Instant entered = START.plus(Duration.ofDays(day)).plusMillis(8 * 3_600_000L + (long) (ofDay * 12 * 3_600_000L));
        int q = weighted(r);
        String queue = QUEUES.get(q);
        String id = "bench-" + entered.getEpochSecond() + "." + i;
        double u = r.nextDouble();
        CallRecord.Builder call = CallRecord.builder(id, entered, entered, CallOutcome.ANSWERED).linkedId(id)
                .caller(caller((int) (CALLERS * u * u))).queue(queue).queues(List.of(queue))
                .dnis("+1800555" + (1000 + q)).joinPosition(1 + r.nextInt(6));
        int kind = r.nextInt(1000);
        if (kind < 75) {
            double wait = round(clamp(logNormal(r, 3.7, 0.9), 1, 900));
            CallOutcome outcome = kind < 60 ? CallOutcome.ABANDONED : kind < 70 ? CallOutcome.TIMEOUT : CallOutcome.EXIT_WITH_KEY;
            return call.outcome(outcome).waitSeconds(wait).endedAt(at(entered, wait))
                    .abandonPosition(1 + r.nextInt(4))
                    .endedBy(outcome == CallOutcome.ABANDONED ? HangupSide.CALLER : HangupSide.SYSTEM).build();
        }
        double wait = round(clamp(logNormal(r, 3.2, 1.0), 0.5, 900));
        Instant answered = at(entered, wait);
        double talk = round(clamp(logNormal(r, 5.5, 0.7), 15, 5400));
        double hold = r.nextInt(10) < 3 ? round(clamp(logNormal(r, 4, 0.8), 5, 900)) : 0.0;
        double wrapUp = round(clamp(logNormal(r, 3.4, 0.6), 3, 300));
        String first = agent(q, r.nextInt(AGENTS_PER_QUEUE));
        if (r.nextInt(100) < 4) {
            String second = agent(r.nextInt(QUEUES.size()), r.nextInt(AGENTS_PER_QUEUE));
            double share = round(0.2 + r.nextDouble() * 0.5);
            double firstTalk = round(talk * share);
            Transfer.Kind how = r.nextBoolean() ? Transfer.Kind.BLIND : Transfer.Kind.ATTENDED;
            call.agents(List.of(new AgentTalk(first, null, firstTalk, share), new AgentTalk(second, null,
                            round(talk - firstTalk), round(1 - share))))
                    .transfers(List.of(new Transfer(how, first, second, at(answered, firstTalk))));
        } else {
            call.agents(List.of(new AgentTalk(first, null, talk, 1.0)));
        }
        if (r.nextInt(100) < 15) {
            call.ringAttempts(List.of(new RingAttempt(agent(q, r.nextInt(AGENTS_PER_QUEUE)), null, 15_000)));
        }
        return call.agent(first).answeredAt(answered).waitSeconds(wait).talkSeconds(talk).holdSeconds(hold)
                .wrapUpSeconds(wrapUp).endedAt(at(answered, talk))
                .endedBy(r.nextInt(4) < 3 ? HangupSide.CALLER : HangupSide.AGENT).build();
    }

    private static int weighted(SplittableRandom r) {
        int pick = r.nextInt(100);
        for (int q = 0; q < QUEUE_WEIGHTS.length; q++) {
            pick -= QUEUE_WEIGHTS[q];
            if (pick < 0) {
                return q;
            }
        }
        throw new IllegalStateException("queue weights must add up to 100");
    }

    private static Instant at(Instant from, double seconds) {
        return from.plusMillis(Math.round(seconds * 1000));
    }

    private static double logNormal(SplittableRandom r, double mu, double sigma) {
        return Math.exp(mu + sigma * gaussian(r));
    }

    /** Box–Muller: SplittableRandom has no nextGaussian on Java 17. */
    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
