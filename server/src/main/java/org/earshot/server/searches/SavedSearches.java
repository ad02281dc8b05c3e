package org.earshot.server.searches;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.earshot.search.CallMatcher;
import org.earshot.search.CallQuery;
import org.earshot.search.QueryParameterException;
import org.earshot.search.QuerySyntaxException;
import org.earshot.server.store.SavedSearchStore;
import org.earshot.server.store.SavedSearchStore.Draft;
import org.earshot.server.store.SavedSearchStore.Match;
import org.earshot.server.store.SavedSearchStore.SavedSearch;

/**
 * A user's saved searches: each is its owner's alone (another user's search is not found, whatever the role).
 * A search is checked as the search route would check it before it is stored, so a saved search always runs.
 */
public final class SavedSearches {

    public static final int MAX_NAME = 200;
    public static final int MAX_QUERY = 2000;
    /** Every watched search is tested against every analysed call: a bound per user keeps that cost known. */
    public static final int MAX_PER_OWNER = 100;

    /** A draft refused; {@code field} names the bad part, e.g. {@code name} or {@code filters.queue}. */
    public static final class InvalidSearch extends IllegalArgumentException {
        private final String field;

        InvalidSearch(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final SavedSearchStore store;
    private final ZoneId zone;
    private final Clock clock;

    /** @param zone the zone a day in {@code from}/{@code to} is read in, as the search route reads it */
    public SavedSearches(SavedSearchStore store, ZoneId zone, Clock clock) {
        this.store = store;
        this.zone = zone;
        this.clock = clock;
    }

    /** The owner's searches, oldest first, each with its new matches since last seen. */
    public List<SavedSearch> list(String owner) {
        return store.ofOwner(owner);
    }

    /** @throws NoSuchElementException when there is no such search or it is another user's */
    public SavedSearch get(String owner, long id) {
        return store.find(id).filter(s -> s.owner().equals(owner))
                .orElseThrow(() -> new NoSuchElementException("no saved search with id " + id));
    }

    public SavedSearch create(String owner, Draft draft) {
        check(draft);
        if (store.ofOwner(owner).size() >= MAX_PER_OWNER) {
            throw new InvalidSearch("name", "you have " + MAX_PER_OWNER + " saved searches, the most one user may keep:"
                    + " delete one first");
        }
        return store.create(owner, draft, clock.instant());
    }

    public SavedSearch update(String owner, long id, Draft draft) {
        get(owner, id);
        check(draft);
        return store.update(id, draft).orElseThrow(() -> new NoSuchElementException("no saved search with id " + id));
    }

    public SavedSearch delete(String owner, long id) {
        SavedSearch search = get(owner, id);
        store.delete(id);
        return search;
    }

    /** Marks every match so far seen; the search with no new matches. */
    public SavedSearch markSeen(String owner, long id) {
        get(owner, id);
        return store.markSeen(id, clock.instant())
                .orElseThrow(() -> new NoSuchElementException("no saved search with id " + id));
    }

    public List<Match> matches(String owner, long id, int limit) {
        get(owner, id);
        return store.matches(id, limit);
    }

    /** The search as the search route runs it (first page): what a newly analysed call is tested against. */
    CallQuery query(SavedSearch search) {
        return query(search.query(), search.filters());
    }

    private CallQuery query(String text, SavedSearchStore.Filters filters) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (text != null) {
            params.put("q", List.of(text));
        }
        params.putAll(filters.parameters());
        return CallQuery.fromParameters(params, zone);
    }

    /** Refuses a draft the search route would refuse, naming the field. */
    private void check(Draft draft) {
        if (draft.name() == null || draft.name().isBlank()) {
            throw new InvalidSearch("name", "name is required: what the search is called in the list and in alerts");
        }
        if (draft.name().length() > MAX_NAME) {
            throw new InvalidSearch("name", "name is " + draft.name().length() + " characters long, at most " + MAX_NAME);
        }
        if (draft.query() != null && draft.query().length() > MAX_QUERY) {
            throw new InvalidSearch("query", "query is " + draft.query().length() + " characters long, at most " + MAX_QUERY);
        }
        CallQuery query;
        try {
            query = query(draft.query(), draft.filters());
        } catch (QueryParameterException e) {
            throw new InvalidSearch("filters." + e.parameter(), "filters." + e.getMessage());
        }
        try {
            CallMatcher.check(query);
        } catch (QuerySyntaxException e) {
            throw new InvalidSearch("query", "query: " + e.getMessage());
        }
    }
}
