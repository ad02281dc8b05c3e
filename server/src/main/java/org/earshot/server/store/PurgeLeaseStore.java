package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The lease of the daily retention run (table purge_state): of the serve nodes that ask, the one that
 * gets it runs the purge; a node that dies mid-run loses it when it runs out.
 */
public final class PurgeLeaseStore {

    private final Database db;

    public PurgeLeaseStore(Database db) {
        this.db = db;
    }

    /**
     * Leases the retention run to {@code owner} when no run finished within {@code every} and no other node
     * holds a live lease: of several nodes asking, one gets it.
     */
    public boolean claim(String owner, Instant now, Duration lease, Duration every) {
        return db.inTransaction("leasing the retention run", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT lease_owner, lease_until, last_finished_at"
                    + " FROM purge_state WHERE id = 1 FOR UPDATE");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                String holder = rs.getString(1);
                Timestamp until = rs.getTimestamp(2);
                Timestamp finished = rs.getTimestamp(3);
                if (holder != null && until != null && until.toInstant().isAfter(now) && !holder.equals(owner)) {
                    return false;
                }
                if (finished != null && finished.toInstant().isAfter(now.minus(every))) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE purge_state SET lease_owner = ?, lease_until = ?"
                    + " WHERE id = 1")) {
                s.setString(1, owner);
                s.setTimestamp(2, Timestamp.from(now.plus(lease)));
                s.executeUpdate();
            }
            return true;
        });
    }

    /** The leased run went through: the next is due {@code every} after {@code now}. */
    public void finish(String owner, Instant now) {
        db.inTransaction("ending the retention run", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE purge_state SET lease_owner = NULL, lease_until = NULL,"
                    + " last_finished_at = ? WHERE id = 1 AND lease_owner = ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setString(2, owner);
                s.executeUpdate();
            }
            return null;
        });
    }
}
