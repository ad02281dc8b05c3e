package org.earshot.server.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's call center: three queues with their opening hours and caller behaviour, eight agents
 * with their skills, working style and shifts. Figures are plausible for a small inbound floor
 * (talk times of 4-7 minutes, callers who give up after a minute or two), not taken from a data set.
 */
final class DemoFloor {

    /** Opening hours or a shift on one day, {@code closes} exclusive. */
    record Hours(LocalTime opens, LocalTime closes) {
        static Hours of(String opens, String closes) {
            return new Hours(LocalTime.parse(opens), LocalTime.parse(closes));
        }

        boolean contains(LocalTime t) {
            return !t.isBefore(opens) && t.isBefore(closes);
        }
    }

    /**
     * A queue.
     *
     * @param peakPerHour         calls per hour at the busiest hour of a weekday
     * @param talkMeanSeconds     typical talk time (an average agent)
     * @param patienceMeanSeconds mean time a caller waits before hanging up
     * @param timeoutSeconds      the queue's own timeout (Asterisk {@code timeout} of the Queue() app)
     * @param hours               opening hours by weekday; a day not in the map is closed
     * @param weekendShare        weekend volume as a share of a weekday's
     */
    record Queue(String name, String dnis, double peakPerHour, double talkMeanSeconds, double patienceMeanSeconds,
                 int timeoutSeconds, Map<DayOfWeek, Hours> hours, double weekendShare) {
        Optional<Hours> hoursOn(LocalDate day) {
            return Optional.ofNullable(hours.get(day.getDayOfWeek()));
        }
    }

    /**
     * An agent: Asterisk MemberName and interface, queues served, and how they work.
     *
     * @param talkFactor  talk time relative to the queue's typical one (slower agents above 1)
     * @param holdRate    share of calls with the caller put on hold
     * @param wrapUpMean  mean after-call work in seconds
     * @param resolution  chance a call is solved for good (else the caller calls back)
     * @param rapport     how callers rate the agent, added to the survey score (about -1..1)
     * @param voice       espeak-ng voice of the agent in the recorded calls
     * @param weekday     weekday shift
     * @param weekendDays weekend days worked (shift {@link #WEEKEND_SHIFT})
     */
    record Agent(String name, String iface, String extension, List<String> queues, double talkFactor, double holdRate,
                 double wrapUpMean, double resolution, double rapport, String voice, int pitch, Hours weekday,
                 Set<DayOfWeek> weekendDays) {
        String firstName() {
            return name.substring(0, name.indexOf(' '));
        }

        Optional<Hours> shiftOn(LocalDate day) {
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (!weekend) {
                return Optional.of(weekday);
            }
            return weekendDays.contains(day.getDayOfWeek()) ? Optional.of(WEEKEND_SHIFT) : Optional.empty();
        }
    }

    static final Hours EARLY = Hours.of("08:00", "16:30");
    static final Hours LATE = Hours.of("11:30", "20:00");
    static final Hours WEEKEND_SHIFT = Hours.of("09:00", "17:00");

    /** Arrivals by hour of day relative to the peak hour: the usual mid-morning and early-afternoon humps. */
    static final double[] HOURLY = {0, 0, 0, 0, 0, 0, 0, 0, 0.55, 0.9, 1.0, 0.95, 0.7, 0.75, 0.9, 0.85, 0.7, 0.55, 0.4,
        0.3, 0, 0, 0, 0};

    static final List<Queue> QUEUES = List.of(
            new Queue("sales", "18005550110", 8, 270, 110, 240, hours("08:00", "20:00", "09:00", "14:00", null), 0.5),
            new Queue("support", "18005550120", 12, 360, 150, 300, hours("08:00", "20:00", "09:00", "17:00", "09:00-17:00"), 0.4),
            new Queue("billing", "18005550130", 7, 240, 130, 240, hours("09:00", "17:00", null, null, null), 0));

    private static final Set<DayOfWeek> SAT = Set.of(DayOfWeek.SATURDAY);
    private static final Set<DayOfWeek> SUN = Set.of(DayOfWeek.SUNDAY);

    // Voices: the espeak-ng variants the bundled Vosk model recognises best on the telephone band
    // (f2, f5, m7 about 85-90 % of words in a trial of 13 variants; f3, m6, m3 next), told apart by pitch.
    static final List<Agent> AGENTS = List.of(
            new Agent("Alice Moreno", "PJSIP/1001", "1001", List.of("sales", "support"), 0.85, 0.12, 25, 0.92, 0.7,
                    "en-us+f2", 55, EARLY, SAT),
            new Agent("Bob Chen", "PJSIP/1002", "1002", List.of("sales", "billing"), 1.0, 0.2, 35, 0.86, 0.2,
                    "en-us+m7", 45, LATE, Set.of()),
            new Agent("Carol Diaz", "PJSIP/1003", "1003", List.of("support", "billing"), 0.95, 0.25, 30, 0.88, 0.3,
                    "en-us+f5", 50, EARLY, SUN),
            new Agent("David Okafor", "PJSIP/1004", "1004", List.of("support"), 1.35, 0.45, 60, 0.8, -0.2,
                    "en-us+m6", 35, EARLY, Set.of()),
            new Agent("Emma Novak", "PJSIP/1005", "1005", List.of("billing", "support"), 0.9, 0.2, 30, 0.88, 0.4,
                    "en-us+f3", 62, LATE, Set.of()),
            new Agent("Frank Weber", "PJSIP/1006", "1006", List.of("sales", "support"), 1.25, 0.35, 75, 0.7, -0.5,
                    "en-us+m3", 42, LATE, SAT),
            new Agent("Grace Kim", "PJSIP/1007", "1007", List.of("support", "sales"), 1.0, 0.25, 40, 0.85, 0.1,
                    "en-us+f5", 62, LATE, Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)),
            new Agent("Henry Silva", "PJSIP/1008", "1008", List.of("billing", "sales"), 1.1, 0.3, 45, 0.83, 0.0,
                    "en-us+m7", 55, EARLY, Set.of()));

    private DemoFloor() {
    }

    static Queue queue(String name) {
        return QUEUES.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo queue '" + name + "'"));
    }

    static Agent agent(String name) {
        return AGENTS.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo agent '" + name + "'"));
    }

    /** Weekday hours, Saturday hours and Sunday hours ("HH:MM-HH:MM"); null = closed. */
    private static Map<DayOfWeek, Hours> hours(String opens, String closes, String satOpens, String satCloses, String sunday) {
        var map = new java.util.EnumMap<DayOfWeek, Hours>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            map.put(d, Hours.of(opens, closes));
        }
        if (satOpens != null) {
            map.put(DayOfWeek.SATURDAY, Hours.of(satOpens, satCloses));
        }
        if (sunday != null) {
            String[] span = sunday.split("-");
            map.put(DayOfWeek.SUNDAY, Hours.of(span[0], span[1]));
        }
        return Map.copyOf(map);
    }
}
