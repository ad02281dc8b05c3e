package org.earshot.bench.search;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One question of the mixed query set, asked both ways: as the HTTP parameters of
 * {@code GET /api/calls} for the index, and as an SQL WHERE clause over the baseline's table (texts
 * are stored padded with spaces, so {@code LIKE '% refund %'} matches the whole word as the index does).
 *
 * @param kind   which of the four kinds of question
 * @param params the search parameters
 * @param where  the SQL condition with {@code ?} placeholders
 * @param args   the values of the placeholders
 * @param facets whether the baseline must also count queue, agent, outcome and flag values
 */
record Question(String kind, Map<String, List<String>> params, String where, List<Object> args, boolean facets) {

    static final List<String> KINDS = List.of("keyword + duration", "phrase + party", "numeric + date range",
            "faceted keywords + filters");

    private static final List<String> KEYWORDS = List.of("refund", "cancel", "router", "supervisor", "charged",
            "technician", "password", "overcharge", "modem", "complaint");
    private static final List<String[]> PHRASES = List.of(
            new String[] {"customer", "cancel my account"}, new String[] {"customer", "speak to a supervisor"},
            new String[] {"customer", "charged twice"}, new String[] {"agent", "restart your router"},
            new String[] {"customer", "waiting on hold"}, new String[] {"agent", "send a technician"});

    /** {@code variants} questions of each kind, drawn deterministically. */
    static List<Question> mixedSet(int variants, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Question> set = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            set.add(keywordAndDuration(r));
            set.add(phraseAndParty(r));
            set.add(numericAndDates(r));
            set.add(faceted(r));
        }
        return set;
    }

    private static Question keywordAndDuration(SplittableRandom r) {
        String word = KEYWORDS.get(r.nextInt(KEYWORDS.size()));
        int minDuration = 300 * (1 + r.nextInt(3));
        return new Question(KINDS.get(0), params("q", word, "minDuration", String.valueOf(minDuration)),
                "(customer_text LIKE ? OR agent_text LIKE ?) AND duration >= ?",
                List.of(like(word), like(word), (double) minDuration), false);
    }

    private static Question phraseAndParty(SplittableRandom r) {
        String[] phrase = PHRASES.get(r.nextInt(PHRASES.size()));
        return new Question(KINDS.get(1), params("q", "\"" + phrase[1] + "\"", "party", phrase[0]),
                phrase[0] + "_text LIKE ?", List.of(like(phrase[1])), false);
    }

    private static Question numericAndDates(SplittableRandom r) {
        int interruptions = 3 + r.nextInt(3);
        LocalDate from = LocalDate.ofInstant(SyntheticCalls.END, ZoneOffset.UTC).minusDays(7 + r.nextInt(SyntheticCalls.DAYS - 7));
        LocalDate to = from.plusDays(6);
        return new Question(KINDS.get(2), params("where", "interruptions.customer>=" + interruptions,
                "where", "sentiment.customer<=-0.3", "from", from.toString(), "to", to.toString()),
                "interruptions_customer >= ? AND sentiment_customer <= ? AND started_at >= ? AND started_at < ?",
                List.of((double) interruptions, -0.3, millis(from), millis(to.plusDays(1))), false);
    }

    private static Question faceted(SplittableRandom r) {
        String a = KEYWORDS.get(r.nextInt(KEYWORDS.size()));
        String b = KEYWORDS.get(r.nextInt(KEYWORDS.size()));
        String queue = SyntheticCalls.QUEUES.get(r.nextInt(SyntheticCalls.QUEUES.size()));
        return new Question(KINDS.get(3), params("q", a + " OR " + b, "queue", queue, "flag", "customer-negative"),
                "(customer_text LIKE ? OR agent_text LIKE ? OR customer_text LIKE ? OR agent_text LIKE ?)"
                        + " AND queue = ? AND flags LIKE ?",
                List.of(like(a), like(a), like(b), like(b), queue, "%,customer-negative,%"), true);
    }

    private static String like(String words) {
        return "% " + words + " %";
    }

    private static long millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static Map<String, List<String>> params(String... namesAndValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return params;
    }
}
