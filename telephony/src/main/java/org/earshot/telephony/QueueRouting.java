package org.earshot.telephony;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the FastAGI {@code route} and {@code hours} scripts treat one queue (SPEC "Assignment rules").
 *
 * <pre>{@code
 * QueueRouting.parse("support", "round-robin", "mon-fri 08:00-18:00", "2026-12-25,2026-12-26", zone);
 * }</pre>
 *
 * @param queue      queue name as in queues.conf
 * @param assignment which agent the {@code route} script picks
 * @param hours      weekly opening times in {@code zone}
 * @param holidays   whole days closed, in {@code zone}
 * @param zone       the zone of {@code hours} and {@code holidays}
 */
public record QueueRouting(String queue, Assignment assignment, OpeningHours hours, List<LocalDate> holidays,
                           ZoneId zone) {

    /** SPEC's assignment rules. */
    public enum Assignment {
        /** No agent is chosen: the call waits in the queue for whoever picks it. */
        UNASSIGNED,
        /** Available agents in alphabetical order of name, continuing after the last one chosen. */
        ROUND_ROBIN,
        /** The available agent with the fewest calls handled today; ties alphabetical. */
        BALANCED;

        /** {@code unassigned}, {@code round-robin}, {@code balanced}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Accepts {@link #key()}; the message names the config key and the allowed values. */
        public static Assignment parse(String configKey, String value) {
            for (Assignment a : values()) {
                if (a.key().equalsIgnoreCase(value.trim())) {
                    return a;
                }
            }
            throw new IllegalArgumentException(configKey + " = '" + value
                    + "' is not an assignment rule (allowed: unassigned, round-robin, balanced)");
        }
    }

    public QueueRouting {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("queue name is required");
        }
        Objects.requireNonNull(assignment, "queue." + queue + ".assignment");
        Objects.requireNonNull(hours, "queue." + queue + ".hours");
        Objects.requireNonNull(zone, "time-zone");
        holidays = holidays.stream().sorted().distinct().toList();
    }

    /** A queue nobody configured: unassigned, always open. */
    public static QueueRouting defaults(String queue, ZoneId zone) {
        return new QueueRouting(queue, Assignment.UNASSIGNED, OpeningHours.ALWAYS, List.of(), zone);
    }

    /**
     * Builds a queue's rules from the config values {@code queue.<name>.assignment}, {@code .hours} and
     * {@code .holidays} (comma-separated ISO dates); null or blank values take the defaults (unassigned,
     * always open, no holidays).
     *
     * @throws IllegalArgumentException naming the key, the value and what is allowed
     */
    public static QueueRouting parse(String queue, String assignment, String hours, String holidays, ZoneId zone) {
        String prefix = "queue." + queue + ".";
        Assignment rule = blank(assignment) ? Assignment.UNASSIGNED : Assignment.parse(prefix + "assignment", assignment);
        OpeningHours open;
        try {
            open = blank(hours) ? OpeningHours.ALWAYS : OpeningHours.parse(hours);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "hours = '" + hours + "': " + e.getMessage(), e);
        }
        return new QueueRouting(queue, rule, open, dates(prefix + "holidays", holidays), zone);
    }

    /** Open at this instant: not a holiday and inside a window, both in the queue's zone. */
    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return !holidays.contains(local.toLocalDate()) && hours.isOpen(local.getDayOfWeek(), local.toLocalTime());
    }

    private static List<LocalDate> dates(String key, String value) {
        List<LocalDate> out = new ArrayList<>();
        if (blank(value)) {
            return out;
        }
        for (String d : value.split(",")) {
            if (d.isBlank()) {
                continue;
            }
            try {
                out.add(LocalDate.parse(d.trim()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + " = '" + value + "': '" + d.trim()
                        + "' is not an ISO date like 2026-12-25", e);
            }
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
