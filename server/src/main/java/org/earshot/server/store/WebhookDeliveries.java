package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook outbox shared by the dispatchers of every node: one delivery per event and endpoint, and
 * every attempt. A delivery is pending, then delivered or (after its retries ran out) failed; a dispatcher
 * sends it under a lease. On PostgreSQL claims skip rows another node is locking ({@code FOR UPDATE SKIP
 * LOCKED}); on every database the claiming update re-checks the lease, so one node sends each attempt.
 */
public final class WebhookDeliveries {

    /** One try to send a delivery; {@code statusCode} null when no answer came (timeout, refused). */
    public record Attempt(Instant at, Integer statusCode, long latencyMs, String error, Instant nextRetryAt) {
    }

    /** One event to one endpoint, with its attempts, newest first. */
    public record Delivery(long id, String eventId, String eventType, String subject, Instant createdAt, String status,
                           int attempts, Instant nextAttemptAt, Instant deliveredAt, Integer lastStatusCode,
                           String lastError, List<Attempt> history) {
    }

    /** A delivery leased to one dispatcher: what it sends, where, signed with what. */
    public record Claimed(long id, String eventId, String eventType, byte[] body, String url, String secret,
                          int attempt, Instant cycleStartedAt) {
    }

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    private final Database db;

    public WebhookDeliveries(Database db) {
        this.db = db;
    }

    /** Stores an event for this one webhook (the "send test event" action); false when there is no such webhook. */
    public boolean sendOnly(long webhookId, ChangeEvents.Event event) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            int deliveries = EventOutbox.insert(c, event, webhookId);
            if (deliveries == 0) {
                c.rollback();
                return false;
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            throw new StoreException("queueing event " + event.id() + " for webhook " + webhookId + " failed", e);
        }
    }

    /** The newest {@code limit} deliveries of a webhook, of one status or all (null), each with its attempts. */
    public List<Delivery> deliveries(long webhookId, String status, int limit) {
        Map<Long, Delivery> found = new LinkedHashMap<>();
        try (Connection c = db.connection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT d.id, d.event_id, e.type, d.subject, e.created_at,"
                    + " d.status, d.attempts, d.next_attempt_at, d.delivered_at, d.last_status_code, d.last_error"
                    + " FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.webhook_id = ?"
                    + (status == null ? "" : " AND d.status = ?") + " ORDER BY d.id DESC FETCH FIRST " + limit + " ROWS ONLY")) {
                s.setLong(1, webhookId);
                if (status != null) {
                    s.setString(2, status);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String state = rs.getString(6);
                        found.put(rs.getLong(1), new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), instant(rs, 5), state, rs.getInt(7),
                                PENDING.equals(state) ? instant(rs, 8) : null, instant(rs, 9),
                                rs.getObject(10, Integer.class), rs.getString(11), new ArrayList<>()));
                    }
                }
            }
            if (!found.isEmpty()) {
                String marks = String.join(",", Collections.nCopies(found.size(), "?"));
                try (PreparedStatement s = c.prepareStatement("SELECT delivery_id, at, status_code, latency_ms, error,"
                        + " next_retry_at FROM webhook_attempts WHERE delivery_id IN (" + marks + ") ORDER BY id DESC")) {
                    int i = 1;
                    for (long id : found.keySet()) {
                        s.setLong(i++, id);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            found.get(rs.getLong(1)).history().add(new Attempt(instant(rs, 2),
                                    rs.getObject(3, Integer.class), rs.getLong(4), rs.getString(5), instant(rs, 6)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the deliveries of webhook " + webhookId + " failed", e);
        }
        return found.values().stream().map(d -> new Delivery(d.id(), d.eventId(), d.eventType(), d.subject(),
                d.createdAt(), d.status(), d.attempts(), d.nextAttemptAt(), d.deliveredAt(), d.lastStatusCode(),
                d.lastError(), List.copyOf(d.history()))).toList();
    }

    /** The outcome of {@link #resend}. */
    public enum Resend { QUEUED, NOT_FOUND, IN_FLIGHT }

    /**
     * Starts a new cycle of attempts for a delivery, whatever its status: the same event, the same id,
     * due now, with another 24 h of retries. One being sent right now is left to finish.
     */
    public Resend resend(long webhookId, long deliveryId, Instant now) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE webhook_deliveries SET status = 'pending', attempts = 0,"
                     + " next_attempt_at = ?, cycle_started_at = ?, lease_owner = NULL, lease_until = NULL"
                     + " WHERE id = ? AND webhook_id = ? AND (lease_until IS NULL OR lease_until < ?)")) {
            Timestamp at = Timestamp.from(now);
            s.setTimestamp(1, at);
            s.setTimestamp(2, at);
            s.setLong(3, deliveryId);
            s.setLong(4, webhookId);
            s.setTimestamp(5, at);
            if (s.executeUpdate() == 1) {
                return Resend.QUEUED;
            }
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM webhook_deliveries WHERE id = ? AND webhook_id = ?")) {
                exists.setLong(1, deliveryId);
                exists.setLong(2, webhookId);
                try (ResultSet rs = exists.executeQuery()) {
                    return rs.next() ? Resend.IN_FLIGHT : Resend.NOT_FOUND;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("resending delivery " + deliveryId + " failed", e);
        }
    }

    // Due and not leased. A disabled endpoint's deliveries wait, pending, until it is enabled again.
    private static final String CLAIMABLE = "d.status = 'pending' AND d.next_attempt_at <= ?"
            + " AND (d.lease_until IS NULL OR d.lease_until < ?)"
            + " AND EXISTS (SELECT 1 FROM webhooks w WHERE w.id = d.webhook_id AND w.enabled = TRUE)";

    /**
     * Leases up to {@code max} due deliveries of enabled endpoints to {@code owner} for {@code lease}, oldest
     * first, never one whose endpoint still has an earlier delivery about the same call pending (per-endpoint order).
     */
    public List<Claimed> claim(String owner, Instant now, Duration lease, int max) {
        if (max <= 0) {
            return List.of();
        }
        Timestamp at = Timestamp.from(now);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<Long> candidates = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT d.id FROM webhook_deliveries d WHERE " + CLAIMABLE
                        + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id"
                        + " AND e.subject = d.subject AND e.status = 'pending' AND e.id < d.id)"
                        + " ORDER BY d.id FETCH FIRST " + max + " ROWS ONLY" + (db.isPostgres() ? " FOR UPDATE SKIP LOCKED" : ""))) {
                    s.setTimestamp(1, at);
                    s.setTimestamp(2, at);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            candidates.add(rs.getLong(1));
                        }
                    }
                }
                List<Long> won = new ArrayList<>();
                // The re-check makes the update the arbiter: a node that lost the race updates nothing.
                try (PreparedStatement u = c.prepareStatement("UPDATE webhook_deliveries d SET lease_owner = ?,"
                        + " lease_until = ?, attempts = attempts + 1 WHERE d.id = ? AND " + CLAIMABLE)) {
                    for (long id : candidates) {
                        u.setString(1, owner);
                        u.setTimestamp(2, Timestamp.from(now.plus(lease)));
                        u.setLong(3, id);
                        u.setTimestamp(4, at);
                        u.setTimestamp(5, at);
                        if (u.executeUpdate() == 1) {
                            won.add(id);
                        }
                    }
                }
                List<Claimed> claimed = claimedOf(c, won);
                c.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("claiming webhook deliveries failed", e);
        }
    }

    private static List<Claimed> claimedOf(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT d.id, d.event_id, e.type, e.body, w.url, w.secret,"
                + " d.attempts, d.cycle_started_at FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id"
                + " JOIN webhooks w ON w.id = d.webhook_id WHERE d.id IN (" + marks + ") ORDER BY d.id")) {
            for (int i = 0; i < ids.size(); i++) {
                s.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4).getBytes(java.nio.charset.StandardCharsets.UTF_8), rs.getString(5),
                            rs.getString(6), rs.getInt(7), instant(rs, 8)));
                }
            }
        }
        return claimed;
    }

    /**
     * Records an attempt of a delivery this owner holds and what follows: delivered, failed, or pending
     * again at {@code attempt.nextRetryAt()}. False when the lease was no longer this owner's (a resend
     * or another node took over); the attempt is recorded all the same.
     */
    public boolean recordAttempt(long deliveryId, String owner, Attempt attempt, String status) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            boolean held;
            try (PreparedStatement u = c.prepareStatement("UPDATE webhook_deliveries SET status = ?,"
                    + " next_attempt_at = COALESCE(?, next_attempt_at), lease_owner = NULL, lease_until = NULL,"
                    + " last_status_code = ?, last_error = ?, delivered_at = ? WHERE id = ? AND lease_owner = ?")) {
                u.setString(1, status);
                u.setTimestamp(2, attempt.nextRetryAt() == null ? null : Timestamp.from(attempt.nextRetryAt()));
                setNullableInt(u, 3, attempt.statusCode());
                u.setString(4, clip(attempt.error()));
                u.setTimestamp(5, DELIVERED.equals(status) ? Timestamp.from(attempt.at()) : null);
                u.setLong(6, deliveryId);
                u.setString(7, owner);
                held = u.executeUpdate() == 1;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_attempts (delivery_id, at, status_code,"
                    + " latency_ms, error, next_retry_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, deliveryId);
                s.setTimestamp(2, Timestamp.from(attempt.at()));
                setNullableInt(s, 3, attempt.statusCode());
                s.setLong(4, attempt.latencyMs());
                s.setString(5, clip(attempt.error()));
                s.setTimestamp(6, attempt.nextRetryAt() == null ? null : Timestamp.from(attempt.nextRetryAt()));
                s.executeUpdate();
            }
            c.commit();
            return held;
        } catch (SQLException e) {
            throw new StoreException("recording an attempt of webhook delivery " + deliveryId + " failed", e);
        }
    }

    /** How many deliveries wait to be sent (the outbox gauge). */
    public long pending() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting pending webhook deliveries failed", e);
        }
    }

    /**
     * Frees every lease. Only for a single node (embedded H2) at start-up, when no other dispatcher can be
     * sending: what our own last stop cut off goes out again at once instead of after its lease.
     */
    public int releaseLeases() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE webhook_deliveries SET lease_owner = NULL, lease_until = NULL"
                     + " WHERE lease_owner IS NOT NULL")) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("releasing webhook delivery leases failed", e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static void setNullableInt(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
