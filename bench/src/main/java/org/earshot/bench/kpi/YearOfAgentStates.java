package org.earshot.bench.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.earshot.bench.server.YearOfCalls;
import org.earshot.telephony.AgentActivity;

/**
 * A deterministic year of agent activity for the 50 agents of {@link YearOfCalls}: exactly {@code total}
 * changes of activity, so as many stored intervals. An agent's shift (early, 08:00, or late, 12:00 UTC, about
 * 8 hours) logs in as available, then rings, talks (sometimes with a hold), wraps up and is available again, with
 * a ring now and then not taken and a pause now and then, and logs out at the shift's end. Durations are
 * log-normal around a contact centre's (ring 8 s, talk 4 min, hold 45 s, wrap-up 30 s, available 1 min, pause
 * 10 min), stretched to fill the shift, so occupancy lands near 80 %. A shift has about {@value #TYPICAL_PER_SHIFT}
 * changes (a busy agent's 30-odd calls): 2.5 million fill every day of the year for every agent; fewer fill the
 * year's last days only (every agent, the last day always whole), so a small store's days look like a big one's.
 * No two successive changes name the same activity: each one opens a new interval.
 */
final class YearOfAgentStates {

    /** 2.5 million ÷ (50 agents × 365 days). */
    static final int TYPICAL_PER_SHIFT = 137;

    /** One change of activity. */
    record Change(String activity, Instant at) {
    }

    private final long total;
    private final long seed;
    private final long shifts;
    private final List<String> agents = new ArrayList<>();

    YearOfAgentStates(long total, long seed) {
        for (int q = 0; q < YearOfCalls.QUEUES.size(); q++) {
            for (int k = 0; k < YearOfCalls.AGENTS_PER_QUEUE; k++) {
                agents.add(YearOfCalls.agent(q, k));
            }
        }
        if (total < 2) {
            throw new IllegalArgumentException("agent intervals must be at least 2 (a login and a logout), was " + total);
        }
        this.total = total;
        this.seed = seed;
        this.shifts = Math.min((long) agents.size() * YearOfCalls.DAYS, (total + TYPICAL_PER_SHIFT - 1) / TYPICAL_PER_SHIFT);
    }

    long total() {
        return total;
    }

    List<String> agents() {
        return List.copyOf(agents);
    }

    /** The agent's changes over the year, in time order. */
    List<Change> year(int agent) {
        List<Change> changes = new ArrayList<>();
        for (int day = 0; day < YearOfCalls.DAYS; day++) {
            // Shifts are numbered from the year's last day back, so the last days are the ones worked.
            long index = (long) (YearOfCalls.DAYS - 1 - day) * agents.size() + agent;
            if (index < shifts) {
                changes.addAll(shift(agent, day, index));
            }
        }
        return changes;
    }

    /** One shift: the total spread evenly over the shifts, the remainder on the first ones. */
    private List<Change> shift(int agent, int day, long index) {
        int count = (int) (total / shifts + (index < total % shifts ? 1 : 0));
        SplittableRandom r = new SplittableRandom(seed * 0xC2B2AE3D27D4EB4FL + index);
        List<String> activities = activities(r, count);
        double[] seconds = new double[count - 1];
        double sum = 0;
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = typicalSeconds(r, activities.get(i));
            sum += seconds[i];
        }
        long shiftMillis = Duration.ofHours(8).toMillis() + r.nextLong(-1_800_000, 1_800_000);
        Instant at = YearOfCalls.START.plus(Duration.ofDays(day)).plus(Duration.ofHours(agent % 2 == 0 ? 8 : 12))
                .plusMillis(r.nextLong(-900_000, 900_000));
        List<Change> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(new Change(activities.get(i), at));
            if (i < seconds.length) {
                at = at.plusMillis(Math.max(1, Math.round(seconds[i] / sum * shiftMillis)));
            }
        }
        return changes;
    }

    /** Available first, logged out last, and between them what agents do: never the same activity twice in a row. */
    private static List<String> activities(SplittableRandom r, int count) {
        List<String> out = new ArrayList<>(count);
        AgentActivity now = AgentActivity.AVAILABLE;
        out.add(now.key());
        for (int i = 1; i < count - 1; i++) {
            now = next(r, now);
            out.add(now.key());
        }
        out.add(AgentActivity.LOGGED_OUT.key());
        return out;
    }

    private static AgentActivity next(SplittableRandom r, AgentActivity now) {
        int p = r.nextInt(100);
        return switch (now) {
            case AVAILABLE, LOGGED_OUT -> p < 92 ? AgentActivity.RINGING : AgentActivity.PAUSED;
            case RINGING -> p < 95 ? AgentActivity.ON_CALL : AgentActivity.AVAILABLE;
            case ON_CALL -> p < 25 ? AgentActivity.ON_HOLD : AgentActivity.WRAP_UP;
            case ON_HOLD -> AgentActivity.ON_CALL;
            case WRAP_UP -> p < 96 ? AgentActivity.AVAILABLE : AgentActivity.PAUSED;
            case PAUSED -> AgentActivity.AVAILABLE;
        };
    }

    private static double typicalSeconds(SplittableRandom r, String activity) {
        double median = switch (AgentActivity.valueOf(activity.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))) {
            case AVAILABLE -> 60;
            case RINGING -> 8;
            case ON_CALL -> 240;
            case ON_HOLD -> 45;
            case WRAP_UP -> 30;
            case PAUSED -> 600;
            case LOGGED_OUT -> 1;
        };
        double gaussian = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        return median * Math.exp(0.6 * gaussian);
    }
}
