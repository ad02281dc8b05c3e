package org.earshot.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.search.CallQuery.Condition;
import org.earshot.search.CallQuery.Range;
import org.earshot.search.CallQuery.SortOrder;

/**
 * Reads the HTTP query parameters of a call search into a {@link CallQuery}; every refusal names
 * the parameter, the value and what is allowed. The grammar is on {@link CallQuery#fromParameters}.
 */
final class QueryParameters {

    static final List<String> NAMES = List.of("q", "party", "from", "to", "minDuration", "maxDuration",
            "minWait", "maxWait", "minTalk", "maxTalk", "caller", "queue", "agent", "outcome", "flag", "where",
            "crmId", "sort", "page", "size");
    static final Set<String> REPEATABLE = Set.of("caller", "queue", "agent", "outcome", "flag", "where", "crmId");

    private final Map<String, List<String>> params;
    private final ZoneId zone;

    private QueryParameters(Map<String, List<String>> params, ZoneId zone) {
        this.params = params;
        this.zone = zone;
    }

    static CallQuery parse(Map<String, List<String>> params, ZoneId zone) {
        return new QueryParameters(params, zone).query();
    }

    private CallQuery query() {
        for (String name : params.keySet()) {
            if (!NAMES.contains(name)) {
                throw new QueryParameterException(name, null, "unknown parameter '" + name + "': known are "
                        + String.join(", ", NAMES));
            }
        }
        Instant from = instant("from", false);
        Instant to = instant("to", true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new QueryParameterException("from", single("from"), "from " + single("from")
                    + " is not before to " + single("to") + " (to is exclusive for an instant, inclusive for a day)");
        }
        var query = CallQuery.builder()
                .text(single("q"))
                .party(party())
                .startedBetween(from, to)
                .sort(sort());
        Range duration = range("minDuration", "maxDuration");
        Range waitTime = range("minWait", "maxWait");
        Range talkTime = range("minTalk", "maxTalk");
        query.duration(duration.min(), duration.max())
                .waitTime(waitTime.min(), waitTime.max())
                .talkTime(talkTime.min(), talkTime.max());
        query.caller(callers());
        query.queue(values("queue").toArray(String[]::new));
        query.agent(values("agent").toArray(String[]::new));
        query.outcome(oneOf("outcome", CallQuery.OUTCOMES));
        query.flag(oneOf("flag", CallQuery.FLAGS));
        query.crmId(values("crmId").toArray(String[]::new));
        for (String condition : values("where")) {
            try {
                query.where(Condition.parse(condition));
            } catch (IllegalArgumentException e) {
                throw new QueryParameterException("where", condition, "where: " + e.getMessage());
            }
        }
        int page = integer("page", 0);
        int size = integer("size", CallQuery.DEFAULT_SIZE);
        if (page < 0) {
            throw new QueryParameterException("page", single("page"), "page: " + page + " is below 0 (pages count from 0)");
        }
        if (size < 1 || size > CallQuery.MAX_SIZE) {
            throw new QueryParameterException("size", single("size"), "size: " + size + " is not within 1.."
                    + CallQuery.MAX_SIZE);
        }
        if (((long) page + 1) * size > CallQuery.MAX_WINDOW) { // long before the +1: page may be Integer.MAX_VALUE
            throw new QueryParameterException("page", single("page"), "page: " + page + " of size " + size
                    + " goes past the first " + CallQuery.MAX_WINDOW + " hits: narrow the search instead");
        }
        return query.page(page).size(size).build();
    }

    /** The non-blank values of a parameter, stripped. */
    private List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (String value : params.getOrDefault(name, List.of())) {
            if (value != null && !value.isBlank()) {
                values.add(value.strip());
            }
        }
        return values;
    }

    private String single(String name) {
        List<String> values = values(name);
        if (values.size() > 1 && !REPEATABLE.contains(name)) {
            throw new QueryParameterException(name, null, name + " is given " + values.size()
                    + " times (" + String.join(", ", values) + "): give it once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** The values of a parameter with a fixed set of values; a typo is answered with the nearest one. */
    private String[] oneOf(String name, List<String> allowed) {
        List<String> values = values(name);
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw new QueryParameterException(name, value, name + ": '" + value + "' is not one of "
                        + String.join(", ", allowed) + Suggestions.didYouMean(value, allowed));
            }
        }
        return values.toArray(String[]::new);
    }

    /** Caller numbers: something must be left once separators are dropped, and no wildcard. */
    private String[] callers() {
        List<String> callers = values("caller");
        for (String caller : callers) {
            String number = Fields.callerNumber(caller);
            if (number.isEmpty() || number.contains("*") || number.contains("?")) {
                throw new QueryParameterException("caller", caller, "caller: '" + caller
                        + "' is not a whole caller number, e.g. +1 404 555 0149 (spaces, - . ( ) and a leading +"
                        + " are ignored)");
            }
        }
        return callers.toArray(String[]::new);
    }

    private String party() {
        String party = single("party");
        if (party != null && !CallQuery.PARTIES.contains(party)) {
            throw new QueryParameterException("party", party, "party: '" + party + "' is not customer or agent");
        }
        return party;
    }

    private SortOrder sort() {
        String sort = single("sort");
        try {
            return sort == null ? null : SortOrder.parse(sort);
        } catch (IllegalArgumentException e) {
            throw new QueryParameterException("sort", sort, "sort: " + e.getMessage());
        }
    }

    /** A day in the zone (the start of it, or for {@code to} the start of the next) or an ISO instant. */
    private Instant instant(String name, boolean endOfDay) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new QueryParameterException(name, value, name + ": '" + value
                    + "' is not a day (2026-11-23, in " + zone.getId() + ") or an instant (2026-11-23T10:15:30Z)");
        }
    }

    private Double number(String name) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new QueryParameterException(name, value, name + ": '" + value + "' is not a number of seconds");
        }
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new QueryParameterException(name, value, name + ": " + value + " is not a number of seconds >= 0");
        }
        return seconds;
    }

    private Range range(String minName, String maxName) {
        Double min = number(minName);
        Double max = number(maxName);
        if (min != null && max != null && min > max) {
            throw new QueryParameterException(minName, single(minName), minName + " " + single(minName)
                    + " is above " + maxName + " " + single(maxName));
        }
        return new Range(min, max);
    }

    private int integer(String name, int absent) {
        String value = single(name);
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new QueryParameterException(name, value, name + ": '" + value + "' is not a whole number");
        }
    }
}
