package org.earshot.server.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The webhook outbox as the writers of calls, surveys and reviews see it: inside their own transaction
 * they {@link Batch#raise raise} events, which are stored with one delivery per enabled webhook that
 * subscribed to their type. Nothing is rendered or stored for a type no webhook wants.
 */
public final class EventOutbox {

    /** Raises nothing and never asks the database: imports, reindexing, tests. */
    public static final EventOutbox NONE = new EventOutbox(ChangeEvents.NONE);

    private final ChangeEvents events;

    public EventOutbox(ChangeEvents events) {
        this.events = events;
    }

    /** The events of one transaction. */
    final class Batch {
        private final Connection c;
        private Set<String> wanted;
        private boolean raised;

        private Batch(Connection c) {
            this.c = c;
        }

        void raise(Function<ChangeEvents, List<ChangeEvents.Event>> render) throws SQLException {
            if (events == ChangeEvents.NONE) {
                return;
            }
            if (wanted == null) {
                wanted = wanted(c);
            }
            if (wanted.isEmpty()) {
                return;
            }
            for (ChangeEvents.Event event : render.apply(events)) {
                if (wanted.contains(event.type())) {
                    insert(c, event, null);
                    raised = true;
                }
            }
        }

        /** After the commit: tells this node's dispatcher there is something to send. */
        void committed() {
            if (raised) {
                events.committed();
            }
        }
    }

    Batch open(Connection c) {
        return new Batch(c);
    }

    private static Set<String> wanted(Connection c) throws SQLException {
        Set<String> types = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT s.event_type FROM webhook_subscriptions s"
                + " JOIN webhooks w ON w.id = s.webhook_id WHERE w.enabled = TRUE");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                types.add(rs.getString(1));
            }
        }
        return types;
    }

    /**
     * Stores the event and its deliveries: to {@code webhookId} only when not null (a test event),
     * else to every enabled webhook subscribed to its type. Returns how many deliveries.
     */
    static int insert(Connection c, ChangeEvents.Event event, Long webhookId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_events (id, type, subject, created_at, body)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, event.id());
            s.setString(2, event.type());
            s.setString(3, event.subject());
            s.setTimestamp(4, Timestamp.from(event.createdAt()));
            s.setString(5, new String(event.body(), StandardCharsets.UTF_8));
            s.executeUpdate();
        }
        String select = "SELECT ?, w.id, ?, 'pending', 0, ?, ? FROM webhooks w"
                + (webhookId != null ? " WHERE w.id = ?"
                        : " JOIN webhook_subscriptions s ON s.webhook_id = w.id WHERE w.enabled = TRUE AND s.event_type = ?");
        try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_deliveries (event_id, webhook_id, subject, status,"
                + " attempts, next_attempt_at, cycle_started_at) " + select)) {
            Timestamp at = Timestamp.from(event.createdAt());
            s.setString(1, event.id());
            s.setString(2, event.subject());
            s.setTimestamp(3, at);
            s.setTimestamp(4, at);
            if (webhookId != null) {
                s.setLong(5, webhookId);
            } else {
                s.setString(5, event.type());
            }
            return s.executeUpdate();
        }
    }
}
