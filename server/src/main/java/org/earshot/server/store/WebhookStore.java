package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Webhook endpoints: where events go, which types each wants, and the secret they are signed with (read
 * back only by the dispatcher, through {@link WebhookDeliveries}). Their outbox is {@link WebhookDeliveries}.
 */
public final class WebhookStore {

    /** An endpoint as admins see it; its secret is never read back except by the dispatcher. */
    public record Webhook(long id, String url, List<String> events, boolean enabled, String description,
                          Instant createdAt, String createdBy) {
    }

    private final Database db;

    public WebhookStore(Database db) {
        this.db = db;
    }

    public Webhook create(String url, List<String> events, String secret, String description, String createdBy,
                          Instant at) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO webhooks (url, secret, description, enabled,"
                    + " created_at, created_by) VALUES (?, ?, ?, TRUE, ?, ?)", new String[] {"id"})) {
                s.setString(1, url);
                s.setString(2, secret);
                s.setString(3, description);
                s.setTimestamp(4, Timestamp.from(at));
                s.setString(5, createdBy);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            subscribe(c, id, events);
            c.commit();
            return new Webhook(id, url, List.copyOf(events), true, description, at, createdBy);
        } catch (SQLException e) {
            throw new StoreException("creating the webhook to " + url + " failed", e);
        }
    }

    public List<Webhook> list() {
        return read("", null);
    }

    public Optional<Webhook> find(long id) {
        return read(" WHERE w.id = ?", id).stream().findFirst();
    }

    /** Changes what is given (null = unchanged); empty when there is no such webhook. */
    public Optional<Webhook> update(long id, String url, List<String> events, Boolean enabled, String secret,
                                    String description) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("UPDATE webhooks SET url = COALESCE(?, url),"
                    + " enabled = COALESCE(?, enabled), secret = COALESCE(?, secret),"
                    + " description = COALESCE(?, description) WHERE id = ?")) {
                s.setString(1, url);
                if (enabled == null) {
                    s.setNull(2, Types.BOOLEAN);
                } else {
                    s.setBoolean(2, enabled);
                }
                s.setString(3, secret);
                s.setString(4, description);
                s.setLong(5, id);
                if (s.executeUpdate() == 0) {
                    c.rollback();
                    return Optional.empty();
                }
            }
            if (events != null) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM webhook_subscriptions WHERE webhook_id = ?")) {
                    d.setLong(1, id);
                    d.executeUpdate();
                }
                subscribe(c, id, events);
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("updating webhook " + id + " failed", e);
        }
        return find(id);
    }

    /** Deletes the webhook with its deliveries and their attempts; false when there was none. */
    public boolean delete(long id) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM webhooks WHERE id = ?")) {
            s.setLong(1, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("deleting webhook " + id + " failed", e);
        }
    }

    private List<Webhook> read(String where, Long id) {
        Map<Long, Webhook> found = new LinkedHashMap<>();
        Map<Long, List<String>> events = new java.util.HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT w.id, w.url, w.enabled, w.description, w.created_at,"
                     + " w.created_by, s.event_type FROM webhooks w LEFT JOIN webhook_subscriptions s ON s.webhook_id = w.id"
                     + where + " ORDER BY w.id, s.event_type")) {
            if (id != null) {
                s.setLong(1, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long wid = rs.getLong(1);
                    List<String> types = events.computeIfAbsent(wid, k -> new ArrayList<>());
                    if (rs.getString(7) != null) {
                        types.add(rs.getString(7));
                    }
                    found.putIfAbsent(wid, new Webhook(wid, rs.getString(2), types, rs.getBoolean(3), rs.getString(4),
                            instant(rs, 5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading webhooks failed", e);
        }
        return found.values().stream().map(w -> new Webhook(w.id(), w.url(), List.copyOf(w.events()), w.enabled(),
                w.description(), w.createdAt(), w.createdBy())).toList();
    }

    private static void subscribe(Connection c, long id, List<String> events) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_subscriptions (webhook_id, event_type) VALUES (?, ?)")) {
            for (String type : new java.util.TreeSet<>(events)) {
                s.setLong(1, id);
                s.setString(2, type);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
