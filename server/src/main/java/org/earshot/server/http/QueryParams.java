package org.earshot.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query parameters a route takes, one value each unless declared repeatable. Every route refuses the
 * others the same way, before its handler runs: an unknown name is a 400 that names it (and the nearest known
 * one, for a typo), a single-valued one given twice is a 400 too, so no parameter is ever silently ignored.
 */
final class QueryParams {

    static final QueryParams NONE = new QueryParams(List.of(), Set.of());
    // Names are echoed in the error: a 4 KB name is cut, so the answer stays readable.
    private static final int SHOWN_NAME = 60;

    private final List<String> names;
    private final Set<String> repeatable;

    private QueryParams(List<String> names, Set<String> repeatable) {
        this.names = List.copyOf(names);
        this.repeatable = Set.copyOf(repeatable);
    }

    /** Parameters that take one value each. */
    static QueryParams of(String... names) {
        return new QueryParams(List.of(names), Set.of());
    }

    /** These and {@code more}, which may be given several times (repeated = any of, or all of, as the route says). */
    QueryParams repeatable(String... more) {
        List<String> all = new ArrayList<>(names);
        all.addAll(List.of(more));
        Set<String> many = new java.util.HashSet<>(repeatable);
        many.addAll(List.of(more));
        return new QueryParams(all, many);
    }

    /** Every name, in the order declared. */
    List<String> names() {
        return names;
    }

    boolean isRepeatable(String name) {
        return repeatable.contains(name);
    }

    /** @throws ApiException 400 naming the first parameter that is unknown or given more often than it may be */
    void check(String route, Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (!names.contains(name)) {
                throw ApiException.badRequest("unknown parameter '" + shown(name) + "'" + nearest(name)
                        .map(n -> " (did you mean '" + n + "'?)").orElse("")
                        + (names.isEmpty() ? ": " + route + " takes no query parameters"
                        : ": " + route + " takes " + String.join(", ", names)));
            }
            int given = parameter.getValue().size();
            if (given > 1 && !repeatable.contains(name)) {
                throw ApiException.badRequest("parameter '" + name + "' is given " + given + " times: it takes one value");
            }
        }
    }

    /** The known name a typo most likely meant: the same but for case, or at most a third of its letters off. */
    Optional<String> nearest(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : names) {
            int distance = distance(wanted, known.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(1, best.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** Edits from a to b, a swap of two neighbours counting as one ("form" is one edit from "from"). */
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > b.length()) {
            return Integer.MAX_VALUE - 1; // far off whatever the letters: no need to compare a long name
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String shown(String name) {
        return name.length() <= SHOWN_NAME ? name : name.substring(0, SHOWN_NAME) + "...";
    }
}
