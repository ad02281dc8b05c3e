package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The QA scorecards table. The criteria are kept as the JSON document QA writes and reads (its
 * format and the rules it holds are QA's, see {@code org.earshot.server.qa.StoredForms}); the store
 * only keeps it.
 */
public final class ScorecardStore {

    /** A scorecard as stored; {@code criteria} is the JSON document QA wrote. */
    public record Stored(long id, String name, boolean active, String criteria) {
    }

    /** What a scorecard is saved with; {@code criteria} is a JSON document. */
    public record Fields(String name, boolean active, String criteria) {
    }

    private static final String COLUMNS = "id, name, active, criteria";

    private final Database db;

    public ScorecardStore(Database db) {
        this.db = db;
    }

    public List<Stored> all() {
        return select("SELECT " + COLUMNS + " FROM qa_scorecards ORDER BY id", null);
    }

    public Optional<Stored> find(long id) {
        return select("SELECT " + COLUMNS + " FROM qa_scorecards WHERE id = ?", id).stream().findFirst();
    }

    /** The active scorecard with the lowest id. */
    public Optional<Stored> firstActive() {
        return select("SELECT " + COLUMNS + " FROM qa_scorecards WHERE active = TRUE ORDER BY id"
                + " FETCH FIRST 1 ROWS ONLY", null).stream().findFirst();
    }

    public Stored insert(Fields fields, Instant now) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO qa_scorecards (name, active, criteria, updated_at)"
                     + " VALUES (?, ?, ?, ?)", new String[] {"id"})) {
            s.setString(1, fields.name());
            s.setBoolean(2, fields.active());
            s.setString(3, fields.criteria());
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Stored(keys.getLong(1), fields.name(), fields.active(), fields.criteria());
            }
        } catch (SQLException e) {
            throw new StoreException("saving scorecard '" + fields.name() + "' failed", e);
        }
    }

    /**
     * Replaces a scorecard with what {@code change} makes of it, with its row locked in between; empty
     * when there is none with this id. {@code change} is also given how many other scorecards are
     * active, counted (and their rows locked) only when it asks, so a check such as "one must stay
     * active" cannot be raced. An exception from {@code change} leaves the scorecard as it was.
     */
    public Optional<Stored> update(long id, Instant now, BiFunction<Stored, LongSupplier, Fields> change) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Stored> current = findForUpdate(c, id);
                if (current.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                Fields next = change.apply(current.get(), () -> activeOtherThan(c, id));
                try (PreparedStatement s = c.prepareStatement("UPDATE qa_scorecards SET name = ?, active = ?, criteria = ?,"
                        + " updated_at = ? WHERE id = ?")) {
                    s.setString(1, next.name());
                    s.setBoolean(2, next.active());
                    s.setString(3, next.criteria());
                    s.setTimestamp(4, Timestamp.from(now));
                    s.setLong(5, id);
                    s.executeUpdate();
                }
                c.commit();
                return Optional.of(new Stored(id, next.name(), next.active(), next.criteria()));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("saving scorecard " + id + " failed", e);
        }
    }

    private static Optional<Stored> findForUpdate(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM qa_scorecards WHERE id = ? FOR UPDATE")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static long activeOtherThan(Connection c, long id) {
        // Locks the active rows: two admins deactivating the last two active scorecards at once cannot both succeed.
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM qa_scorecards WHERE active = TRUE FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            long others = 0;
            while (rs.next()) {
                others += rs.getLong(1) == id ? 0 : 1;
            }
            return others;
        } catch (SQLException e) {
            throw new StoreException("counting the active scorecards failed", e);
        }
    }

    private List<Stored> select(String sql, Long id) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setLong(1, id);
            }
            List<Stored> cards = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    cards.add(read(rs));
                }
            }
            return cards;
        } catch (SQLException e) {
            throw new StoreException("reading scorecards failed", e);
        }
    }

    private static Stored read(ResultSet rs) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getString("name"), rs.getBoolean("active"), rs.getString("criteria"));
    }
}
