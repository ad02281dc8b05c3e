package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which CRM record each call's caller is (the CRM caller lookup's answer), one per call. Linking a call
 * logs a change, so the search index re-indexes it with its CRM id.
 */
public final class CallCrmStore {

    /** The longest CRM id and name kept (the columns' sizes). */
    public static final int MAX_ID = 200;
    public static final int MAX_NAME = 500;

    private final Database db;

    public CallCrmStore(Database db) {
        this.db = db;
    }

    /** A call's CRM record: its id and the name the CRM gave when the call was stored. */
    public record Link(String callId, String crmId, String crmName, Instant linkedAt) {
    }

    /**
     * Links a stored call to a CRM record, replacing an earlier link. Nothing is written (nor re-indexed) when
     * the call already has this id and name.
     *
     * @return whether anything changed
     * @throws IllegalArgumentException for a blank id or one longer than {@link #MAX_ID}
     */
    public boolean link(String callId, String crmId, String crmName, Instant at) {
        Objects.requireNonNull(callId, "callId");
        if (crmId == null || crmId.isBlank() || crmId.length() > MAX_ID) {
            throw new IllegalArgumentException("a CRM id must be 1-" + MAX_ID + " characters, was '" + crmId + "'");
        }
        String name = crmName == null || crmName.length() <= MAX_NAME ? crmName : crmName.substring(0, MAX_NAME);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            Optional<Link> current = find(c, callId);
            if (current.isPresent() && current.get().crmId().equals(crmId) && Objects.equals(current.get().crmName(), name)) {
                c.rollback();
                return false;
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM call_crm WHERE call_id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO call_crm (call_id, crm_id, crm_name, linked_at)"
                         + " VALUES (?, ?, ?, ?)");
                 PreparedStatement change = c.prepareStatement("INSERT INTO call_changes (call_id, changed_at)"
                         + " VALUES (?, CURRENT_TIMESTAMP)")) {
                delete.setString(1, callId);
                delete.executeUpdate();
                insert.setString(1, callId);
                insert.setString(2, crmId);
                insert.setString(3, name);
                insert.setTimestamp(4, Timestamp.from(at));
                insert.executeUpdate();
                // The same change log CallStore writes: every node's index follows it.
                change.setString(1, callId);
                change.executeUpdate();
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            throw new StoreException("linking call " + callId + " to CRM record " + crmId + " failed", e);
        }
    }

    /** The call's CRM record, if its caller was found in the CRM. */
    public Optional<Link> find(String callId) {
        try (Connection c = db.connection()) {
            return find(c, callId);
        } catch (SQLException e) {
            throw new StoreException("reading the CRM record of call " + callId + " failed", e);
        }
    }

    /** The CRM ids of these calls, keyed by call; calls without one are left out. */
    public Map<String, String> crmIds(Collection<String> callIds) {
        Map<String, String> found = new HashMap<>();
        List<String> all = List.copyOf(callIds);
        // Databases bound the number of parameters of one statement: ask in slices.
        for (int from = 0; from < all.size(); from += 1000) {
            List<String> slice = all.subList(from, Math.min(all.size(), from + 1000));
            String marks = String.join(",", java.util.Collections.nCopies(slice.size(), "?"));
            try (Connection c = db.connection();
                 PreparedStatement s = c.prepareStatement("SELECT call_id, crm_id FROM call_crm WHERE call_id IN (" + marks + ")")) {
                for (int i = 0; i < slice.size(); i++) {
                    s.setString(i + 1, slice.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("reading the CRM ids of calls failed", e);
            }
        }
        return found;
    }

    private static Optional<Link> find(Connection c, String callId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT crm_id, crm_name, linked_at FROM call_crm WHERE call_id = ?")) {
            s.setString(1, callId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Link(callId, rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                        : Optional.empty();
            }
        }
    }
}
