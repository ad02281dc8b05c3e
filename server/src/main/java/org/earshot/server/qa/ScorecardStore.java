package org.earshot.server.qa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.earshot.server.store.Database;
import org.earshot.server.store.StoreException;

/** The scorecards table; criteria are stored as the JSON the API shows. */
final class ScorecardStore {

    private final Database db;
    private final ObjectMapper json;

    ScorecardStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    List<Scorecard> all() {
        return select("SELECT id, name, active, criteria FROM qa_scorecards ORDER BY id", null);
    }

    Optional<Scorecard> find(long id) {
        return select("SELECT id, name, active, criteria FROM qa_scorecards WHERE id = ?", id).stream().findFirst();
    }

    /** The scorecard new reviews use: the active one with the lowest id. */
    Optional<Scorecard> firstActive() {
        return select("SELECT id, name, active, criteria FROM qa_scorecards WHERE active = TRUE ORDER BY id"
                + " FETCH FIRST 1 ROWS ONLY", null).stream().findFirst();
    }

    Scorecard insert(ScorecardInput input, Instant now) {
        boolean active = input.active() == null || input.active();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO qa_scorecards (name, active, criteria, updated_at)"
                     + " VALUES (?, ?, ?, ?)", new String[] {"id"})) {
            s.setString(1, input.name());
            s.setBoolean(2, active);
            s.setString(3, criteriaJson(input.criteria()));
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Scorecard(keys.getLong(1), input.name(), active, input.criteria());
            }
        } catch (SQLException e) {
            throw new StoreException("saving scorecard '" + input.name() + "' failed", e);
        }
    }

    /** Replaces a scorecard; empty when there is none with this id. Refuses to deactivate the last active one. */
    Optional<Scorecard> update(long id, ScorecardInput input, Instant now) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Scorecard> current = find(c, id);
                if (current.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                boolean active = input.active() == null ? current.get().active() : input.active();
                if (!active && activeOtherThan(c, id) == 0) {
                    throw QaException.invalid("active: scorecard " + id + " is the only active one; activate another first");
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE qa_scorecards SET name = ?, active = ?, criteria = ?,"
                        + " updated_at = ? WHERE id = ?")) {
                    s.setString(1, input.name());
                    s.setBoolean(2, active);
                    s.setString(3, criteriaJson(input.criteria()));
                    s.setTimestamp(4, Timestamp.from(now));
                    s.setLong(5, id);
                    s.executeUpdate();
                }
                c.commit();
                return Optional.of(new Scorecard(id, input.name(), active, input.criteria()));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("saving scorecard " + id + " failed", e);
        }
    }

    private Optional<Scorecard> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, active, criteria FROM qa_scorecards WHERE id = ?"
                + " FOR UPDATE")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static long activeOtherThan(Connection c, long id) throws SQLException {
        // Locks the active rows: two admins deactivating the last two active scorecards at once cannot both succeed.
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM qa_scorecards WHERE active = TRUE FOR UPDATE");
             ResultSet rs = s.executeQuery()) {
            long others = 0;
            while (rs.next()) {
                others += rs.getLong(1) == id ? 0 : 1;
            }
            return others;
        }
    }

    private List<Scorecard> select(String sql, Long id) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setLong(1, id);
            }
            List<Scorecard> cards = new ArrayList<>();
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

    private Scorecard read(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        try {
            List<Criterion> criteria = CriteriaJson.criteria(json.readTree(rs.getString("criteria")), "criteria");
            return new Scorecard(id, rs.getString("name"), rs.getBoolean("active"), criteria);
        } catch (JsonProcessingException | QaException e) {
            throw new SQLException("scorecard " + id + " has unreadable criteria: " + e.getMessage(), e);
        }
    }

    private String criteriaJson(List<Criterion> criteria) {
        try {
            return json.writeValueAsString(criteria);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("criteria cannot be written as JSON", e);
        }
    }
}
