package org.earshot.server.kpi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A set of calls a KPI row counts: the calls behind a figure, for drilling down from it
 * ({@code GET /api/calls?kpi=offered&...}). The accumulator marks each call in the sets it adds it
 * to, so a figure and its drill-down are decided by the same lines of code.
 */
public enum KpiFigure {
    /** Every call the row took in (offered or not: short abandons and calls turned away after hours too). */
    CALLS("calls"),
    OFFERED("offered"),
    ANSWERED("answered"),
    ABANDONED("abandoned"),
    SHORT_ABANDONED("shortAbandoned"),
    TIMED_OUT("timedOut"),
    /** Calls an agent took over by a transfer: answered by them, not offered to them. */
    TRANSFERRED_IN("transferredIn"),
    /** The calls service level is a share of (its base), whether answered in time or not. */
    SERVICE_LEVEL("serviceLevel"),
    /** Answered calls whose wait makes ASA (transfers in had no wait for this agent). */
    ASA("asaSeconds"),
    /** Answered calls of known callers: FCR's base. */
    FCR("fcr"),
    SURVEYS("surveys"),
    CSAT("csat"),
    NPS("nps"),
    CES("ces"),
    FLAGGED("flaggedCalls"),
    OFFERED_AFTER_HOURS("offeredAfterHours");

    /**
     * The calls behind each figure of a row, by the row's JSON field: a count opens its own calls, a
     * mean or a rate opens the calls it is taken over.
     */
    public static final Map<String, KpiFigure> BEHIND_FIELD = behind();

    private final String key;

    KpiFigure(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The figure with this key; the message lists the known ones. */
    public static KpiFigure parse(String key) {
        for (KpiFigure f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("kpi must be one of " + Arrays.stream(values()).map(KpiFigure::key)
                .collect(Collectors.joining(", ")) + ", was '" + key + "'");
    }

    private static Map<String, KpiFigure> behind() {
        Map<String, KpiFigure> map = new LinkedHashMap<>();
        for (KpiFigure f : values()) {
            map.put(f.key, f);
        }
        map.put("abandonRate", OFFERED);
        map.put("avgWaitSeconds", OFFERED);
        map.put("maxWaitSeconds", OFFERED);
        map.put("ahtSeconds", ANSWERED);
        map.put("avgTalkSeconds", ANSWERED);
        map.put("avgHoldSeconds", ANSWERED);
        map.put("avgWrapUpSeconds", ANSWERED);
        map.put("firstResponseSeconds", ASA);
        return Map.copyOf(map);
    }
}
