package org.earshot.server.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.earshot.server.store.CallStore;
import org.earshot.server.store.SurveyStore;
import org.earshot.speech.AnalysisReport;
import org.earshot.telephony.AgentTalk;
import org.earshot.telephony.CallOutcome;
import org.earshot.telephony.CallRecord;
import org.earshot.telephony.QueueRouting;

/**
 * A random call center for checking rollups against the calls: every edge the KPIs care about, in
 * numbers. Calls around the days clocks change and around local midnight, waits with milliseconds,
 * short abandons, timeouts, calls turned away after hours, calls without a queue, transfers between
 * two and three agents, a few hundred callers who call again (inside and outside every window),
 * anonymous callers, partial surveys and flagged analyses. Calls are stored out of time order, and
 * some are stored again with another start, caller or queue, as a re-delivered or corrected call is.
 */
final class RandomCallCenter {

    static final List<String> QUEUES = List.of("support", "sales", "billing");
    static final List<String> AGENTS = List.of("Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi");

    private final ZoneId zone;
    private final LocalDate firstDay;
    private final int days;
    private final int calls;
    private final long seed;

    RandomCallCenter(ZoneId zone, LocalDate firstDay, int days, int calls, long seed) {
        this.zone = zone;
        this.firstDay = firstDay;
        this.days = days;
        this.calls = calls;
        this.seed = seed;
    }

    Instant start() {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    Instant end() {
        return firstDay.plusDays(days).atStartOfDay(zone).toInstant();
    }

    /** Per-queue settings that differ in every definition a rollup depends on, and opening hours for billing. */
    KpiDefinitions definitions() {
        KpiSettings support = new KpiSettings(30, 3, false, KpiSettings.ServiceLevelBase.OFFERED, Duration.ofDays(3),
                Duration.ofDays(30));
        KpiSettings sales = new KpiSettings(15.5, 8, true, KpiSettings.ServiceLevelBase.ANSWERED_AND_ABANDONED,
                Duration.ofDays(7), Duration.ofDays(10));
        return new KpiDefinitions(zone, KpiSettings.DEFAULTS, Map.of("support", support, "sales", sales),
                Map.of("billing", QueueRouting.parse("billing", null, "mon-fri 09:00-17:00", null, zone)));
    }

    /** Stores the calls, their analyses and surveys through the product's stores. */
    void store(CallStore store, SurveyStore surveys) {
        SplittableRandom r = new SplittableRandom(seed);
        List<CallRecord> all = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            all.add(call(r, i));
        }
        // Mostly in time order, as calls arrive, but a fifth of them late (an import of an older log).
        List<CallRecord> late = new ArrayList<>();
        List<CallRecord> inOrder = new ArrayList<>();
        for (CallRecord call : all) {
            (r.nextInt(5) == 0 ? late : inOrder).add(call);
        }
        inOrder.sort((a, b) -> a.enteredAt().compareTo(b.enteredAt()));
        Collections.shuffle(late, new java.util.Random(seed));
        // The calls in order go in batches, as an import stores them; the late ones one by one, as AMI does.
        for (int from = 0; from < inOrder.size(); from += 200) {
            store.saveAll(inOrder.subList(from, Math.min(inOrder.size(), from + 200)));
        }
        for (CallRecord call : late) {
            store.save(call);
        }
        List<CallRecord> order = new ArrayList<>(inOrder);
        order.addAll(late);
        for (CallRecord call : order) {
            if (r.nextInt(5) == 0) {
                store.saveAnalysis(call.uniqueId(), report(r), call.endedAt().plusSeconds(60));
            }
            if (r.nextInt(4) == 0) {
                surveys.save(call.linkedId(), r.nextInt(3) == 0 ? null : 1 + r.nextInt(5),
                        r.nextInt(4) == 0 ? null : r.nextInt(11), r.nextBoolean() ? null : 1 + r.nextInt(7), call.endedAt());
            }
        }
        // Corrections: the same call stored again with another start, caller, queue or talk.
        for (int k = 0; k < calls / 20; k++) {
            CallRecord call = all.get(r.nextInt(all.size()));
            CallRecord.Builder again = call.toBuilder();
            switch (r.nextInt(4)) {
                case 0 -> {
                    Duration shift = Duration.ofMinutes(r.nextInt(4000) - 2000);
                    again.enteredAt(call.enteredAt().plus(shift)).endedAt(call.endedAt().plus(shift));
                }
                case 1 -> again.caller(caller(r));
                case 2 -> again.queue(queue(r));
                default -> again.talkSeconds(call.talkSeconds() == null ? null : call.talkSeconds() + 1);
            }
            store.save(again.build());
        }
    }

    private CallRecord call(SplittableRandom r, int i) {
        long span = Duration.between(start(), end()).toMillis();
        Instant entered = start().plusMillis((long) (r.nextDouble() * span));
        if (r.nextInt(10) == 0) {
            // Near local midnight: calls that end on the next day.
            LocalDate day = firstDay.plusDays(r.nextInt(days));
            entered = day.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1 + r.nextInt(1200));
        }
        String id = "r" + i;
        String queue = queue(r);
        int kind = r.nextInt(100);
        double wait = Math.round(r.nextDouble() * 120_000) / 1000.0;
        CallRecord.Builder call = CallRecord.builder(id, entered, entered, CallOutcome.ANSWERED).linkedId(id + "-l")
                .caller(caller(r)).queue(queue).queues(queue == null ? List.of() : List.of(queue)).waitSeconds(wait);
        if (kind < 14) {
            CallOutcome outcome = kind < 8 ? CallOutcome.ABANDONED : kind < 11 ? CallOutcome.TIMEOUT
                    : kind < 13 ? CallOutcome.EXIT_WITH_KEY : CallOutcome.AFTER_HOURS;
            return call.outcome(outcome).waitSeconds(outcome == CallOutcome.AFTER_HOURS ? 0 : wait)
                    .endedAt(entered.plusMillis((long) (wait * 1000))).build();
        }
        double talk = 10 + Math.round(r.nextDouble() * 900_000) / 1000.0;
        Instant answered = entered.plusMillis((long) (wait * 1000));
        String first = AGENTS.get(r.nextInt(AGENTS.size()));
        List<AgentTalk> agents = new ArrayList<>();
        int transfers = r.nextInt(12) == 0 ? 1 + r.nextInt(2) : 0;
        double left = talk;
        agents.add(new AgentTalk(first, null, transfers == 0 ? talk : Math.round(talk * 400) / 1000.0, 0));
        left -= agents.get(0).talkSeconds();
        for (int t = 0; t < transfers; t++) {
            double part = t == transfers - 1 ? left : Math.round(left * 500) / 1000.0;
            // Sometimes back to an agent who already talked: they count once per part.
            agents.add(new AgentTalk(AGENTS.get(r.nextInt(AGENTS.size())), null, part, 0));
            left -= part;
        }
        return call.agent(first).agents(agents).answeredAt(answered).talkSeconds(talk)
                .holdSeconds(r.nextInt(3) == 0 ? Math.round(r.nextDouble() * 60_000) / 1000.0 : null)
                .wrapUpSeconds(r.nextInt(4) == 0 ? null : Math.round(r.nextDouble() * 90_000) / 1000.0)
                .endedAt(answered.plusMillis((long) (talk * 1000))).build();
    }

    private static String queue(SplittableRandom r) {
        return r.nextInt(20) == 0 ? null : QUEUES.get(r.nextInt(QUEUES.size()));
    }

    private static String caller(SplittableRandom r) {
        int pick = r.nextInt(100);
        if (pick < 4) {
            return List.of("anonymous", "Restricted", "", "unknown").get(pick);
        }
        return pick < 6 ? null : "+4930" + (1000 + r.nextInt(300));
    }

    private static AnalysisReport report(SplittableRandom r) {
        List<String> flags = new ArrayList<>();
        for (String flag : List.of("customer-negative", "escalation", "long-dead-air", "frequent-interruptions")) {
            if (r.nextInt(3) == 0) {
                flags.add(flag);
            }
        }
        return new AnalysisReport("call.wav", 300, Map.of("left", "customer", "right", "agent"), Map.of(), null, null,
                List.of(), null, null, new AnalysisReport.CallSentiment(r.nextDouble() * 2 - 1, "neutral", flags),
                List.of(), null, List.of(), null);
    }
}
