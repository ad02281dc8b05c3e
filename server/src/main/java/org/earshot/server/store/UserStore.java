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

/** Users with their password hashes and roles, and login sessions by token hash. */
public final class UserStore {

    /** A stored user. */
    public record User(String username, String passwordHash, String role, boolean disabled, Instant createdAt,
                       Instant lastLoginAt) {
    }

    private static final String COLUMNS = "u.username, u.password_hash, u.role, u.disabled, u.created_at, u.last_login_at";

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

    /** Admins who can still log in: the last one may not be disabled or demoted. */
    public long countEnabledAdmins() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users WHERE role = 'admin' AND NOT disabled");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("counting admins failed", e);
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
    public List<User> all() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM users u ORDER BY u.username");
             ResultSet rs = s.executeQuery()) {
            List<User> users = new ArrayList<>();
            while (rs.next()) {
                users.add(user(rs));
            }
            return users;
        } catch (SQLException e) {
            throw new StoreException("listing users failed", e);
        }
    }

    /**
     * The user of that name, in any letter case ("Bob" finds bob): people type names as they remember
     * them. The exact spelling wins where an older store holds two that differ only in case.
     */
    public Optional<User> find(String username) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM users u WHERE LOWER(u.username) = LOWER(?)"
                     + " ORDER BY CASE WHEN u.username = ? THEN 0 ELSE 1 END, u.username")) {
            s.setString(1, username);
            s.setString(2, username);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading user " + username + " failed", e);
        }
    }

    public void setRole(String username, String role) {
        update("UPDATE users SET role = ? WHERE username = ?", role, username);
    }

    public void setPasswordHash(String username, String passwordHash) {
        update("UPDATE users SET password_hash = ? WHERE username = ?", passwordHash, username);
    }

    public void setDisabled(String username, boolean disabled) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE users SET disabled = ? WHERE username = ?")) {
            s.setBoolean(1, disabled);
            s.setString(2, username);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("updating user " + username + " failed", e);
        }
    }

    /** The user's own phone for listen, whisper and barge (a channel Asterisk can dial), or empty. */
    public Optional<String> phone(String username) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT phone FROM users WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the phone of " + username + " failed", e);
        }
    }

    /** Sets (or with null clears) the user's phone; false when there is no such user. */
    public boolean setPhone(String username, String phone) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE users SET phone = ? WHERE username = ?")) {
            s.setString(1, phone);
            s.setString(2, username);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("setting the phone of " + username + " failed", e);
        }
    }

    public void recordLogin(String username, Instant at) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE users SET last_login_at = ? WHERE username = ?")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, username);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("updating user " + username + " failed", e);
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

    /** The user of an unexpired session; disabled users have none. */
    public Optional<User> findBySession(String tokenHash, Instant now) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM sessions s"
                     + " JOIN users u ON u.username = s.username WHERE s.token_hash = ? AND s.expires_at > ?"
                     + " AND NOT u.disabled")) {
            s.setString(1, tokenHash);
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading a session failed", e);
        }
    }

    /** Ends one session (logout); returns the user it belonged to. */
    public Optional<String> deleteSession(String tokenHash) {
        try (Connection c = db.connection()) {
            String username = null;
            try (PreparedStatement s = c.prepareStatement("SELECT username FROM sessions WHERE token_hash = ?")) {
                s.setString(1, tokenHash);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        username = rs.getString(1);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                s.setString(1, tokenHash);
                s.executeUpdate();
            }
            return Optional.ofNullable(username);
        } catch (SQLException e) {
            throw new StoreException("ending a session failed", e);
        }
    }

    /** Ends every session of a user, and any expired session of anyone (housekeeping). */
    public void deleteSessions(String username, Instant now) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE username = ? OR expires_at <= ?")) {
            s.setString(1, username);
            s.setTimestamp(2, Timestamp.from(now));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("ending sessions of " + username + " failed", e);
        }
    }

    private void update(String sql, String value, String username) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setString(2, username);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("updating user " + username + " failed", e);
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        Timestamp created = rs.getTimestamp(5);
        Timestamp lastLogin = rs.getTimestamp(6);
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                created == null ? null : created.toInstant(), lastLogin == null ? null : lastLogin.toInstant());
    }
}
