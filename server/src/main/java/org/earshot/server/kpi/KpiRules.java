package org.earshot.server.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.earshot.server.store.CallFacts;
import org.earshot.server.store.KpiSums;
import org.earshot.server.store.KpiSums.Field;
import org.earshot.server.store.RollupRules;

/**
 * What each call adds to the KPIs (docs/kpis.md), and the figures a row's sums give. The raw path
 * and the rollups both add calls here, so the two cannot count differently.
 */
public final class KpiRules implements RollupRules {

    // What Asterisk and carriers put in the caller id when there is none to show.
    private static final Set<String> ANONYMOUS = Set.of("", "anonymous", "unknown", "<unknown>", "restricted",
            "private", "unavailable", "withheld");

    private static final BiConsumer<KpiFigure, KpiCall> NOT_LISTENING = (figure, call) -> { };

    private final KpiDefinitions definitions;

    public KpiRules(KpiDefinitions definitions) {
        this.definitions = definitions;
    }

    public KpiDefinitions definitions() {
        return definitions;
    }

    /** A caller id that names a customer: FCR, retention and resolution leave the others out. */
    public static boolean isKnownCaller(String caller) {
        return caller != null && !ANONYMOUS.contains(caller.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The repeat rule of FCR (and of retention, with its window): the caller called again (any queue,
     * any outcome) within {@code window} after the call ended. {@code nextEnteredAt}: the caller's next call, or null.
     */
    public static boolean calledAgainWithin(Instant endedAt, Instant nextEnteredAt, Duration window) {
        return nextEnteredAt != null && !nextEnteredAt.isAfter(endedAt.plus(window));
    }

    @Override
    public boolean knownCaller(String caller) {
        return isKnownCaller(caller);
    }

    @Override
    public Duration repeatWindow(String queue) {
        return definitions.forQueue(queue).repeatWindow();
    }

    @Override
    public ZoneId zone() {
        return definitions.zone();
    }

    @Override
    public String fingerprint() {
        // The rollups' own layout first: rollups of an older layout are rebuilt too.
        StringBuilder text = new StringBuilder("rollups=2;zone=").append(definitions.zone()).append(";default=")
                .append(definitions.defaults());
        new TreeMap<>(definitions.perQueue()).forEach((queue, settings) -> text.append(";queue ").append(queue)
                .append('=').append(settings));
        new TreeMap<>(definitions.openingHours()).forEach((queue, routing) -> text.append(";hours ").append(queue)
                .append('=').append(routing.hours()).append(' ').append(routing.holidays()).append(' ').append(routing.zone()));
        return text.toString();
    }

    @Override
    public void add(CallFacts call, boolean perAgent, Function<String, KpiSums> sumsOf) {
        add(call, perAgent, null, part -> sumsOf.apply(perAgent && part.agent() != null ? part.agent() : ""), NOT_LISTENING);
    }

    /**
     * Adds a call: once as a whole, or with {@code perAgent} once per agent who talked on it, each their
     * own part (whose AHT? each agent's own), only {@code onlyAgent}'s part when not null.
     * {@code counted} is told of every figure each part counts in (drill-down).
     */
    void add(CallFacts call, boolean perAgent, String onlyAgent, Function<KpiCall, KpiSums> sumsOf,
             BiConsumer<KpiFigure, KpiCall> counted) {
        KpiCall whole = kpiCall(call);
        if (!perAgent) {
            contribute(whole, sumsOf.apply(whole), counted);
            return;
        }
        List<CallFacts.AgentPart> parts = call.agents();
        if (parts.size() < 2) {
            if (onlyAgent == null || onlyAgent.equals(whole.agent())) {
                contribute(whole, sumsOf.apply(whole), counted);
            }
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            CallFacts.AgentPart part = parts.get(i);
            if (onlyAgent == null || onlyAgent.equals(part.agent())) {
                KpiCall handled = whole.asHandledBy(part.agent(), part.talkSeconds(), i == 0, i == parts.size() - 1);
                contribute(handled, sumsOf.apply(handled), counted);
            }
        }
    }

    private KpiCall kpiCall(CallFacts c) {
        return new KpiCall(c.id(), c.caller(), c.queue(), c.agent(), c.enteredAt(), c.endedAt(), c.outcome(),
                c.waitSeconds(), c.talkSeconds(), c.holdSeconds(), c.wrapUpSeconds(), c.flags(), c.csat(), c.nps(),
                c.ces(), false, definitions.openAt(c.queue(), c.enteredAt()), c.nextEnteredAt(),
                c.caseFirstId() == null || c.caseFirstId().equals(c.id()), c.caseEndedAt());
    }

    private void contribute(KpiCall call, KpiSums s, BiConsumer<KpiFigure, KpiCall> counted) {
        KpiSettings settings = definitions.forQueue(call.queue());
        if (call.queueOpen() != null) {
            s.count(Field.HOURS_KNOWN);
        }
        counted.accept(KpiFigure.CALLS, call);
        if (call.transferredIn()) {
            // A call transferred to this agent is work they handled, not a call offered to them.
            s.count(Field.TRANSFERRED_IN);
            counted.accept(KpiFigure.TRANSFERRED_IN, call);
            countHandled(call, s, counted);
            return;
        }
        boolean isShort = call.abandoned() && call.waitSeconds() < settings.shortAbandonSeconds();
        if (isShort) {
            s.count(Field.SHORT_ABANDONED);
            counted.accept(KpiFigure.SHORT_ABANDONED, call);
        }
        if (call.turnedAwayAfterHours()) {
            // It never entered the queue: no offered call, no wait, nothing for service level to judge.
            s.count(Field.HOURS_KNOWN);
            s.count(Field.OFFERED_AFTER_HOURS);
            counted.accept(KpiFigure.OFFERED_AFTER_HOURS, call);
        } else if (!isShort || settings.countShortAbandons()) {
            countOffered(call, settings, s, counted);
        }
        if (call.answered()) {
            countAnswered(call, settings, s, counted);
        }
        countSurvey(call, s, counted);
        if (call.knownCaller()) {
            s.caller(call.caller(), call.calledAgainWithin(settings.retentionWindow()));
            if (call.firstOfCase()) {
                s.add(Field.RESOLUTION_MS, call.resolutionMillis());
                s.count(Field.CASES);
            }
        }
        if (!call.flags().isEmpty()) {
            s.count(Field.FLAGGED);
            counted.accept(KpiFigure.FLAGGED, call);
            call.flags().forEach(s::flag);
        }
    }

    private static void countOffered(KpiCall call, KpiSettings settings, KpiSums s, BiConsumer<KpiFigure, KpiCall> counted) {
        s.count(Field.OFFERED);
        counted.accept(KpiFigure.OFFERED, call);
        long wait = KpiSums.millis(call.waitSeconds());
        s.add(Field.WAIT_OFFERED_MS, wait);
        s.waited(wait);
        if (call.abandoned()) {
            s.count(Field.ABANDONED);
            counted.accept(KpiFigure.ABANDONED, call);
        } else if (call.timedOut()) {
            s.count(Field.TIMED_OUT);
            counted.accept(KpiFigure.TIMED_OUT, call);
        }
        boolean inBase = settings.serviceLevelBase() == KpiSettings.ServiceLevelBase.OFFERED
                || call.answered() || call.abandoned();
        boolean within = call.answered() && call.waitSeconds() <= settings.serviceLevelSeconds();
        if (inBase) {
            s.count(Field.SL_BASE);
            counted.accept(KpiFigure.SERVICE_LEVEL, call);
            s.add(Field.SL_WITHIN, within ? 1 : 0);
        }
        if (Boolean.FALSE.equals(call.queueOpen())) {
            s.count(Field.OFFERED_AFTER_HOURS);
            counted.accept(KpiFigure.OFFERED_AFTER_HOURS, call);
        } else if (Boolean.TRUE.equals(call.queueOpen()) && inBase) {
            s.count(Field.IN_HOURS_BASE);
            s.add(Field.IN_HOURS_WITHIN, within ? 1 : 0);
        }
    }

    private static void countHandled(KpiCall call, KpiSums s, BiConsumer<KpiFigure, KpiCall> counted) {
        s.count(Field.ANSWERED);
        counted.accept(KpiFigure.ANSWERED, call);
        s.add(Field.HANDLE_MS, KpiSums.millis(call.talkSeconds() == null ? 0 : call.talkSeconds())
                + KpiSums.millis(call.wrapUpSeconds() == null ? 0 : call.wrapUpSeconds()));
        s.add(Field.TALK_MS, KpiSums.millis(call.talkSeconds() == null ? 0 : call.talkSeconds()));
        s.add(Field.HOLD_MS, KpiSums.millis(call.holdSeconds() == null ? 0 : call.holdSeconds()));
        s.add(Field.WRAP_UP_MS, KpiSums.millis(call.wrapUpSeconds() == null ? 0 : call.wrapUpSeconds()));
    }

    private static void countAnswered(KpiCall call, KpiSettings settings, KpiSums s, BiConsumer<KpiFigure, KpiCall> counted) {
        countHandled(call, s, counted);
        s.count(Field.WAIT_ANSWERED_N);
        counted.accept(KpiFigure.ASA, call);
        s.add(Field.WAIT_ANSWERED_MS, KpiSums.millis(call.waitSeconds()));
        if (call.knownCaller()) {
            s.count(Field.FCR_BASE);
            counted.accept(KpiFigure.FCR, call);
            if (!call.calledAgainWithin(settings.repeatWindow())) {
                s.count(Field.FCR_RESOLVED);
            }
        }
    }

    private static void countSurvey(KpiCall call, KpiSums s, BiConsumer<KpiFigure, KpiCall> counted) {
        if (call.csat() == null && call.nps() == null && call.ces() == null) {
            return;
        }
        s.count(Field.SURVEYS);
        counted.accept(KpiFigure.SURVEYS, call);
        if (call.csat() != null) {
            s.add(Field.CSAT_SUM, call.csat());
            s.count(Field.CSAT_N);
            counted.accept(KpiFigure.CSAT, call);
        }
        if (call.nps() != null) {
            s.count(Field.NPS_N);
            counted.accept(KpiFigure.NPS, call);
            // NPS bands: 9-10 promoters, 0-6 detractors, 7-8 passives.
            if (call.nps() >= 9) {
                s.count(Field.PROMOTERS);
            } else if (call.nps() <= 6) {
                s.count(Field.DETRACTORS);
            }
        }
        if (call.ces() != null) {
            s.add(Field.CES_SUM, call.ces());
            s.count(Field.CES_N);
            counted.accept(KpiFigure.CES, call);
        }
    }

    /** The figures of a row from its sums; a figure with nothing to measure is null. */
    static KpiRow row(String key, Instant from, Instant to, KpiSums s) {
        long answered = s.get(Field.ANSWERED);
        long offered = s.get(Field.OFFERED);
        Double asa = seconds(s.get(Field.WAIT_ANSWERED_MS), s.get(Field.WAIT_ANSWERED_N));
        long npsN = s.get(Field.NPS_N);
        Map<String, Long> flags = s.flags();
        return new KpiRow(key, from, to, offered, answered, s.get(Field.ABANDONED), s.get(Field.SHORT_ABANDONED),
                s.get(Field.TIMED_OUT), s.get(Field.TRANSFERRED_IN),
                seconds(s.get(Field.HANDLE_MS), answered), seconds(s.get(Field.TALK_MS), answered),
                seconds(s.get(Field.HOLD_MS), answered), seconds(s.get(Field.WRAP_UP_MS), answered),
                asa, seconds(s.get(Field.WAIT_OFFERED_MS), offered),
                s.maxWaitMillis() < 0 ? null : s.maxWaitMillis() / 1000.0,
                ratio(s.get(Field.ABANDONED), offered), ratio(s.get(Field.SL_WITHIN), s.get(Field.SL_BASE)),
                ratio(s.get(Field.FCR_RESOLVED), s.get(Field.FCR_BASE)), ratio(s.get(Field.CSAT_SUM), s.get(Field.CSAT_N)),
                npsN == 0 ? null : 100.0 * (s.get(Field.PROMOTERS) - s.get(Field.DETRACTORS)) / npsN,
                ratio(s.get(Field.CES_SUM), s.get(Field.CES_N)), s.get(Field.SURVEYS), asa,
                seconds(s.get(Field.RESOLUTION_MS), s.get(Field.CASES)), ratio(s.callersWhoCameBack(), s.callers()), null,
                s.get(Field.HOURS_KNOWN) > 0 ? s.get(Field.OFFERED_AFTER_HOURS) : null,
                ratio(s.get(Field.IN_HOURS_WITHIN), s.get(Field.IN_HOURS_BASE)), s.get(Field.FLAGGED), flags);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double seconds(long millis, long n) {
        return n == 0 ? null : millis / 1000.0 / n;
    }
}
