package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Users with their password hashes and roles, and login sessions by token hash. */
public final class UserStore {

    /** A stored user. */
    public record User(String username, String passwordHash, String role) {
    }

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    public long count() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting users failed", e);
        }
    }

    public void create(String username, String passwordHash, String role, Instant now) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, username);
            s.setString(2, passwordHash);
            s.setString(3, role);
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("creating user " + username + " failed", e);
        }
    }

    /** Every user, by name (password hashes included: callers must not show them). */
    public java.util.List<User> all() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT username, password_hash, role FROM users ORDER BY username");
             ResultSet rs = s.executeQuery()) {
            java.util.List<User> users = new java.util.ArrayList<>();
            while (rs.next()) {
                users.add(new User(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            return users;
        } catch (SQLException e) {
            throw new StoreException("listing users failed", e);
        }
    }

    public Optional<User> find(String username) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT username, password_hash, role FROM users WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new User(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading user " + username + " failed", e);
        }
    }

    public void createSession(String tokenHash, String username, Instant expiresAt) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("INSERT INTO sessions (token_hash, username, expires_at) VALUES (?, ?, ?)")) {
            s.setString(1, tokenHash);
            s.setString(2, username);
            s.setTimestamp(3, Timestamp.from(expiresAt));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("creating a session failed", e);
        }
    }

    /** The user of an unexpired session. */
    public Optional<User> findBySession(String tokenHash, Instant now) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT u.username, u.password_hash, u.role FROM sessions s"
                     + " JOIN users u ON u.username = s.username WHERE s.token_hash = ? AND s.expires_at > ?")) {
            s.setString(1, tokenHash);
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new User(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading a session failed", e);
        }
    }
}
