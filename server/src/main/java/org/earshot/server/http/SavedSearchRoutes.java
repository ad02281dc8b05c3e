package org.earshot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.earshot.server.auth.Authenticator;
import org.earshot.server.auth.Role;
import org.earshot.server.searches.SavedSearches;
import org.earshot.server.store.SavedSearchStore.Draft;
import org.earshot.server.store.SavedSearchStore.Filters;
import org.earshot.server.store.SavedSearchStore.SavedSearch;

/**
 * Saved searches (issue 17): every role keeps its own; nobody, admins included, sees another user's (a search
 * says what its owner watches, and its matches are the owner's notifications).
 */
final class SavedSearchRoutes {

    /** Who may have a search put the calls it matches in the QA queue: those who run QA, as its reviewers or leads. */
    static final Set<Role> FLAG_FOR_QA = Set.of(Role.ADMIN, Role.SUPERVISOR, Role.QA);

    private static final Set<String> SCALAR = Set.of("party", "from", "to", "sort");
    private static final Set<String> SECONDS = Set.of("minDuration", "maxDuration", "minWait", "maxWait", "minTalk",
            "maxTalk");
    private static final Set<String> LISTS = Set.of("caller", "queue", "agent", "outcome", "flag", "where", "crmId");
    private static final Set<String> FIELDS = Set.of("name", "query", "filters", "watch", "flagForQa");
    // What a client gets back and may send again unchanged: ignored, not refused.
    private static final Set<String> READ_ONLY = Set.of("id", "owner", "createdAt", "lastSeenAt", "newMatches", "matches");

    private final SavedSearches searches;
    private final Authenticator auth;
    private final ObjectMapper json;

    SavedSearchRoutes(SavedSearches searches, Authenticator auth, ObjectMapper json) {
        this.searches = searches;
        this.auth = auth;
        this.json = json;
    }

    /** → {"searches": [...], "newMatches": N}: N (every search's new matches) is the navigation badge. */
    Response list(Request request) throws IOException {
        List<SavedSearch> mine = searches.list(request.principal().username());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("searches", mine);
        answer.put("newMatches", mine.stream().mapToLong(SavedSearch::newMatches).sum());
        return Response.json(json.writeValueAsBytes(answer));
    }

    Response get(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(run(() -> searches.get(owner(request), id(request)))));
    }

    /** POST {"name", "query"?, "filters"?, "watch"?, "flagForQa"?} → 201. */
    Response create(Request request) throws IOException {
        Draft draft = draft(request);
        SavedSearch created = run(() -> searches.create(owner(request), draft));
        auth.record(owner(request), "saved-search-created", "saved search " + created.id(), describe(created));
        return new Response(HttpResponseStatus.CREATED, "application/json", json.writeValueAsBytes(created), Map.of());
    }

    /** PUT the whole search, as POST: what is left out is cleared. */
    Response update(Request request) throws IOException {
        long id = id(request);
        Draft draft = draft(request);
        SavedSearch updated = run(() -> searches.update(owner(request), id, draft));
        auth.record(owner(request), "saved-search-updated", "saved search " + id, describe(updated));
        return Response.json(json.writeValueAsBytes(updated));
    }

    Response delete(Request request) {
        long id = id(request);
        SavedSearch deleted = run(() -> searches.delete(owner(request), id));
        auth.record(owner(request), "saved-search-deleted", "saved search " + id, deleted.name());
        return new Response(HttpResponseStatus.NO_CONTENT, "application/json", new byte[0], Map.of());
    }

    /** POST → the search, every match so far seen (newMatches 0). */
    Response seen(Request request) throws IOException {
        return Response.json(json.writeValueAsBytes(run(() -> searches.markSeen(owner(request), id(request)))));
    }

    /** GET ?limit= → {"matches": [{"callId", "matchedAt", "isNew"}]}, newest first. */
    Response matches(Request request) throws IOException {
        int limit = request.intParam("limit", 50, 1, 500);
        return Response.json(json.writeValueAsBytes(Map.of("matches",
                run(() -> searches.matches(owner(request), id(request), limit)))));
    }

    private static String owner(Request request) {
        return request.principal().username();
    }

    private static String describe(SavedSearch search) {
        return search.name() + (search.watch() ? ", watched" : "") + (search.flagForQa() ? ", flags for QA" : "");
    }

    private interface Action<T> {
        T run();
    }

    private static <T> T run(Action<T> action) {
        try {
            return action.run();
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) { // SavedSearches.InvalidSearch: the message names the field
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static long id(Request request) {
        String text = request.pathParam("id");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no saved search with id " + text);
        }
    }

    private Draft draft(Request request) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            throw ApiException.badRequest("body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body must be a JSON object {\"name\", \"query\"?, \"filters\"?, \"watch\"?,"
                    + " \"flagForQa\"?}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) && !READ_ONLY.contains(name)) {
                throw ApiException.badRequest(name + " is not a field of a saved search: known are name, query, filters,"
                        + " watch, flagForQa");
            }
        }
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual()) {
            throw ApiException.badRequest("name must be a string, was " + name);
        }
        boolean flagForQa = bool(body, "flagForQa");
        if (flagForQa && !FLAG_FOR_QA.contains(request.principal().role())) {
            throw ApiException.forbidden("flagForQa: your role (" + request.principal().role().key()
                    + ") may not put calls in the QA queue");
        }
        return new Draft(name.asText().strip(), text(body.get("query"), "query"), filters(body.get("filters")),
                bool(body, "watch"), flagForQa);
    }

    private static Filters filters(JsonNode node) {
        if (node == null || node.isNull()) {
            return Filters.NONE;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("filters must be an object of search parameters, was " + node);
        }
        Map<String, String> scalars = new HashMap<>();
        Map<String, Double> seconds = new HashMap<>();
        Map<String, List<String>> lists = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (SCALAR.contains(name)) {
                scalars.put(name, text(value, "filters." + name));
            } else if (SECONDS.contains(name)) {
                seconds.put(name, seconds(value, "filters." + name));
            } else if (LISTS.contains(name)) {
                lists.put(name, strings(value, "filters." + name));
            } else {
                throw ApiException.badRequest("filters." + name + " is not a search filter: known are party, from, to,"
                        + " minDuration, maxDuration, minWait, maxWait, minTalk, maxTalk, caller, queue, agent, outcome,"
                        + " flag, where, crmId, sort (the query text is query)");
            }
        }
        return new Filters(scalars.get("party"), scalars.get("from"), scalars.get("to"), seconds.get("minDuration"),
                seconds.get("maxDuration"), seconds.get("minWait"), seconds.get("maxWait"), seconds.get("minTalk"),
                seconds.get("maxTalk"), lists.get("caller"), lists.get("queue"), lists.get("agent"),
                lists.get("outcome"), lists.get("flag"), lists.get("where"), lists.get("crmId"), scalars.get("sort"));
    }

    /** A string, or null for null or blank (as the search route reads a blank parameter). */
    private static String text(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string, was " + value);
        }
        return value.asText().isBlank() ? null : value.asText().strip();
    }

    /** Seconds as a JSON number, or as the text of one (the search form's fields are text). */
    private static Double seconds(JsonNode value, String field) {
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()) {
            return null;
        }
        double seconds;
        if (value.isNumber()) {
            seconds = value.asDouble();
        } else {
            try {
                seconds = value.isTextual() ? Double.parseDouble(value.asText().strip()) : Double.NaN;
            } catch (NumberFormatException e) {
                seconds = Double.NaN;
            }
        }
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw ApiException.badRequest(field + " must be a number of seconds >= 0, was " + value);
        }
        return seconds;
    }

    /** An array of strings, or one string; blank ones dropped as the search route drops blank parameters. */
    private static List<String> strings(JsonNode value, String field) {
        List<String> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (value.isTextual()) {
            if (!value.asText().isBlank()) {
                values.add(value.asText().strip());
            }
            return values;
        }
        if (!value.isArray()) {
            throw ApiException.badRequest(field + " must be an array of strings, was " + value);
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field + " must be an array of strings, found " + item);
            }
            if (!item.asText().isBlank()) {
                values.add(item.asText().strip());
            }
        }
        return values;
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false, was " + value);
        }
        return value.asBoolean();
    }
}
