package org.earshot.server.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every call of each known caller around the KPI range, to tell repeats, returns and cases. */
final class CallerHistory {

    /** One call of a caller. */
    record Contact(Instant enteredAt, Instant endedAt) {
    }

    private final Map<String, List<Contact>> byCaller = new HashMap<>();

    void add(String caller, Instant enteredAt, Instant endedAt) {
        byCaller.computeIfAbsent(caller, c -> new ArrayList<>()).add(new Contact(enteredAt, endedAt));
    }

    void sort() {
        byCaller.values().forEach(list -> list.sort((a, b) -> a.enteredAt().compareTo(b.enteredAt())));
    }

    /** Whether the caller called again within {@code window} after this call ended. */
    boolean calledAgainWithin(KpiCall call, Duration window) {
        Contact next = next(call);
        return next != null && !next.enteredAt().isAfter(call.endedAt().plus(window));
    }

    /** Whether a previous call of the caller ended within {@code window} before this one: then it is not a case's first. */
    boolean continuesACase(KpiCall call, Duration window) {
        List<Contact> list = byCaller.getOrDefault(call.caller(), List.of());
        int i = indexOf(list, call);
        return i > 0 && !call.enteredAt().isAfter(list.get(i - 1).endedAt().plus(window));
    }

    /**
     * Seconds from this call's start to the end of the last call of its case: the chain of the
     * caller's calls in which each starts within {@code window} of the previous one's end.
     */
    double resolutionSeconds(KpiCall call, Duration window) {
        List<Contact> list = byCaller.getOrDefault(call.caller(), List.of());
        int i = indexOf(list, call);
        Instant end = call.endedAt();
        for (int j = i + 1; j >= 1 && j < list.size(); j++) {
            if (list.get(j).enteredAt().isAfter(end.plus(window))) {
                break;
            }
            end = list.get(j).endedAt().isAfter(end) ? list.get(j).endedAt() : end;
        }
        return Duration.between(call.enteredAt(), end).toMillis() / 1000.0;
    }

    private Contact next(KpiCall call) {
        List<Contact> list = byCaller.getOrDefault(call.caller(), List.of());
        int i = indexOf(list, call);
        return i >= 0 && i + 1 < list.size() ? list.get(i + 1) : null;
    }

    private static int indexOf(List<Contact> list, KpiCall call) {
        int i = Collections.binarySearch(list, new Contact(call.enteredAt(), call.endedAt()),
                (a, b) -> a.enteredAt().compareTo(b.enteredAt()));
        return i;
    }
}
