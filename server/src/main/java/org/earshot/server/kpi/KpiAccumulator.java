package org.earshot.server.kpi;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Sums of one group of calls, turned into a {@link KpiRow} at the end. */
final class KpiAccumulator {

    private final String key;
    private final Instant from;
    private final Instant to;
    private long offered;
    private long answered;
    private long abandoned;
    private long shortAbandoned;
    private long timedOut;
    private long transferredIn;
    private double handle;
    private double talk;
    private double hold;
    private double wrapUp;
    private double waitAnswered;
    private long waitAnsweredCount;
    private double waitOffered;
    private double maxWait = -1;
    private long slWithin;
    private long slBase;
    private long offeredAfterHours;
    private boolean hoursKnown;
    private long inHoursBase;
    private long inHoursWithin;
    private long fcrBase;
    private long fcrResolved;
    private long surveys;
    private double csatSum;
    private long csatN;
    private long promoters;
    private long detractors;
    private long npsN;
    private double cesSum;
    private long cesN;
    private double resolutionSum;
    private long cases;
    private final Map<String, Boolean> callerReturned = new HashMap<>();
    private long flagged;
    private final Map<String, Long> flags = new TreeMap<>();
    private final BiConsumer<KpiFigure, KpiCall> counted;

    KpiAccumulator(String key, Instant from, Instant to) {
        this(key, from, to, (figure, call) -> { });
    }

    /** @param counted told of every call each figure counts (drill-down); the figures add up as they do without it */
    KpiAccumulator(String key, Instant from, Instant to, BiConsumer<KpiFigure, KpiCall> counted) {
        this.key = key;
        this.from = from;
        this.to = to;
        this.counted = counted;
    }

    void add(KpiCall call, KpiSettings settings, CallerHistory history) {
        hoursKnown |= call.queueOpen() != null;
        counted.accept(KpiFigure.CALLS, call);
        if (call.transferredIn()) {
            // A call transferred to this agent is work they handled, not a call offered to them.
            transferredIn++;
            counted.accept(KpiFigure.TRANSFERRED_IN, call);
            countHandled(call);
            return;
        }
        boolean isShort = call.abandoned() && call.waitSeconds() < settings.shortAbandonSeconds();
        if (isShort) {
            shortAbandoned++;
            counted.accept(KpiFigure.SHORT_ABANDONED, call);
        }
        if (call.turnedAwayAfterHours()) {
            // It never entered the queue: no offered call, no wait, nothing for service level to judge.
            hoursKnown = true;
            offeredAfterHours++;
            counted.accept(KpiFigure.OFFERED_AFTER_HOURS, call);
        } else if (!isShort || settings.countShortAbandons()) {
            countOffered(call, settings);
        }
        if (call.answered()) {
            countAnswered(call, settings, history);
        }
        countSurvey(call);
        if (call.knownCaller()) {
            boolean returned = history.calledAgainWithin(call, settings.retentionWindow());
            callerReturned.merge(call.caller(), returned, Boolean::logicalOr);
            if (!history.continuesACase(call, settings.repeatWindow())) {
                resolutionSum += history.resolutionSeconds(call, settings.repeatWindow());
                cases++;
            }
        }
        if (!call.flags().isEmpty()) {
            flagged++;
            counted.accept(KpiFigure.FLAGGED, call);
            call.flags().forEach(flag -> flags.merge(flag, 1L, Long::sum));
        }
    }

    private void countOffered(KpiCall call, KpiSettings settings) {
        offered++;
        counted.accept(KpiFigure.OFFERED, call);
        waitOffered += call.waitSeconds();
        maxWait = Math.max(maxWait, call.waitSeconds());
        if (call.abandoned()) {
            abandoned++;
            counted.accept(KpiFigure.ABANDONED, call);
        } else if (call.timedOut()) {
            timedOut++;
            counted.accept(KpiFigure.TIMED_OUT, call);
        }
        boolean inBase = settings.serviceLevelBase() == KpiSettings.ServiceLevelBase.OFFERED
                || call.answered() || call.abandoned();
        boolean within = call.answered() && call.waitSeconds() <= settings.serviceLevelSeconds();
        if (inBase) {
            slBase++;
            counted.accept(KpiFigure.SERVICE_LEVEL, call);
            slWithin += within ? 1 : 0;
        }
        if (Boolean.FALSE.equals(call.queueOpen())) {
            offeredAfterHours++;
            counted.accept(KpiFigure.OFFERED_AFTER_HOURS, call);
        } else if (Boolean.TRUE.equals(call.queueOpen()) && inBase) {
            inHoursBase++;
            inHoursWithin += within ? 1 : 0;
        }
    }

    private void countHandled(KpiCall call) {
        answered++;
        counted.accept(KpiFigure.ANSWERED, call);
        handle += call.handleSeconds();
        talk += call.talkSeconds() == null ? 0 : call.talkSeconds();
        hold += call.holdSeconds() == null ? 0 : call.holdSeconds();
        wrapUp += call.wrapUpSeconds() == null ? 0 : call.wrapUpSeconds();
    }

    private void countAnswered(KpiCall call, KpiSettings settings, CallerHistory history) {
        countHandled(call);
        waitAnsweredCount++;
        counted.accept(KpiFigure.ASA, call);
        waitAnswered += call.waitSeconds();
        if (call.knownCaller()) {
            fcrBase++;
            counted.accept(KpiFigure.FCR, call);
            if (!history.calledAgainWithin(call, settings.repeatWindow())) {
                fcrResolved++;
            }
        }
    }

    private void countSurvey(KpiCall call) {
        if (call.csat() == null && call.nps() == null && call.ces() == null) {
            return;
        }
        surveys++;
        counted.accept(KpiFigure.SURVEYS, call);
        if (call.csat() != null) {
            csatSum += call.csat();
            csatN++;
            counted.accept(KpiFigure.CSAT, call);
        }
        if (call.nps() != null) {
            npsN++;
            counted.accept(KpiFigure.NPS, call);
            // NPS bands: 9-10 promoters, 0-6 detractors, 7-8 passives.
            if (call.nps() >= 9) {
                promoters++;
            } else if (call.nps() <= 6) {
                detractors++;
            }
        }
        if (call.ces() != null) {
            cesSum += call.ces();
            cesN++;
            counted.accept(KpiFigure.CES, call);
        }
    }

    KpiRow row() {
        Double asa = ratio(waitAnswered, waitAnsweredCount);
        long returned = callerReturned.values().stream().filter(b -> b).count();
        return new KpiRow(key, from, to, offered, answered, abandoned, shortAbandoned, timedOut, transferredIn,
                ratio(handle, answered), ratio(talk, answered), ratio(hold, answered), ratio(wrapUp, answered),
                asa, ratio(waitOffered, offered), maxWait < 0 ? null : maxWait,
                ratio(abandoned, offered), ratio(slWithin, slBase), ratio(fcrResolved, fcrBase),
                ratio(csatSum, csatN), npsN == 0 ? null : 100.0 * (promoters - detractors) / npsN, ratio(cesSum, cesN),
                surveys, asa, ratio(resolutionSum, cases), ratio(returned, callerReturned.size()), null,
                hoursKnown ? offeredAfterHours : null, ratio(inHoursWithin, inHoursBase), flagged, Map.copyOf(flags));
    }

    private static Double ratio(double sum, long n) {
        return n == 0 ? null : sum / n;
    }
}
