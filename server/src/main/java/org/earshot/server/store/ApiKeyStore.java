package org.earshot.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** API keys by the SHA-256 of the key: only the hash and a short, non-secret prefix are ever stored. */
public final class ApiKeyStore {

    /** A stored key; {@code expiresAt}, {@code lastUsedAt}, {@code revokedAt} and {@code revokedBy} may be null. */
    public record Key(long id, String name, String role, String prefix, Instant createdAt, String createdBy,
                      Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy) {
    }

    /** What a new key is stored with. */
    public record NewKey(String name, String role, String hash, String prefix, Instant createdAt, String createdBy,
                         Instant expiresAt) {
    }

    /** Thrown by {@link #create} when a key of that name exists already (in any letter case). */
    public static final class NameTaken extends RuntimeException {
        public NameTaken(String name) {
            super("an API key named '" + name + "' exists already (names are never reused, so the audit log"
                    + " names one key): choose another name");
        }
    }

    private static final String COLUMNS =
            "id, name, role, key_prefix, created_at, created_by, expires_at, last_used_at, revoked_at, revoked_by";

    private final Database db;

    public ApiKeyStore(Database db) {
        this.db = db;
    }

    /** Stores a key and returns it with its id. */
    public Key create(NewKey key) {
        try (Connection c = db.connection()) {
            if (nameTaken(c, key.name())) {
                throw new NameTaken(key.name());
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (name, role, key_hash, key_prefix,"
                    + " created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, key.name());
                s.setString(2, key.role());
                s.setString(3, key.hash());
                s.setString(4, key.prefix());
                s.setTimestamp(5, Timestamp.from(key.createdAt()));
                s.setString(6, key.createdBy());
                s.setTimestamp(7, key.expiresAt() == null ? null : Timestamp.from(key.expiresAt()));
                s.executeUpdate();
                try (ResultSet ids = s.getGeneratedKeys()) {
                    ids.next();
                    long id = ids.getLong(1);
                    return new Key(id, key.name(), key.role(), key.prefix(), key.createdAt(), key.createdBy(),
                            key.expiresAt(), null, null, null);
                }
            }
        } catch (SQLException e) {
            // Two admins creating the same name at once: the unique constraint decides.
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new NameTaken(key.name());
            }
            throw new StoreException("creating API key " + key.name() + " failed", e);
        }
    }

    private static boolean nameTaken(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM api_keys WHERE LOWER(name) = LOWER(?)")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Every key, revoked ones too (their history stays), newest first. */
    public List<Key> all() {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY id DESC");
             ResultSet rs = s.executeQuery()) {
            List<Key> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(key(rs));
            }
            return keys;
        } catch (SQLException e) {
            throw new StoreException("listing API keys failed", e);
        }
    }

    public Optional<Key> find(long id) {
        return one("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", s -> s.setLong(1, id), "reading API key " + id);
    }

    /** The key with this hash, whether it is still valid or not: the caller says why it is refused. */
    public Optional<Key> findByHash(String hash) {
        return one("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?", s -> s.setString(1, hash), "reading an API key");
    }

    /** Revokes a key; a key revoked already keeps its first revocation. True when this call revoked it. */
    public boolean revoke(long id, Instant at, String by) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE api_keys SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, by);
            s.setLong(3, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("revoking API key " + id + " failed", e);
        }
    }

    /** Records a use; callers throttle this (it is not written on every request). */
    public void touch(long id, Instant at) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE id = ?"
                     + " AND (last_used_at IS NULL OR last_used_at < ?)")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setLong(2, id);
            s.setTimestamp(3, Timestamp.from(at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording the use of API key " + id + " failed", e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private Optional<Key> one(String sql, Binder binder, String what) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed", e);
        }
    }

    private static Key key(ResultSet rs) throws SQLException {
        return new Key(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5), rs.getString(6),
                instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getString(10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
