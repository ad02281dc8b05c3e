package org.earshot.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A consistent copy of the embedded H2 database as a zip ({@code BACKUP TO}), taken while it is in use (H2 copies
 * from a snapshot, writers go on) or with no process holding it.
 */
public final class DatabaseBackup {

    /** Another process holds the embedded database: only it can take the copy. */
    public static final class InUse extends Exception {
        InUse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private DatabaseBackup() {
    }

    /** Copies the database {@code db} has open into {@code zip}. */
    public static void backup(Database db, Path zip) {
        try (Connection c = db.connection()) {
            backup(c, zip);
        } catch (SQLException e) {
            throw new StoreException("backing up the database to " + zip + " failed", e);
        }
    }

    /**
     * Opens the embedded database at {@code jdbcUrl} (never creating one) and copies it into {@code zip}.
     *
     * @throws InUse when another process has it open
     */
    public static void backupClosed(String jdbcUrl, String user, String password, Path zip) throws InUse {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("only the embedded H2 database is copied this way, not " + jdbcUrl);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl + ";IFEXISTS=TRUE", user == null ? "sa" : user,
                password == null ? "" : password)) {
            backup(c, zip);
        } catch (SQLException e) {
            if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new InUse("the embedded database " + jdbcUrl.replaceFirst(";.*", "") + " is open in another process", e);
            }
            if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
                throw new StoreException("there is no Earshot database at " + jdbcUrl.replaceFirst(";.*", ""), e);
            }
            throw new StoreException("backing up the database to " + zip + " failed", e);
        }
    }

    private static void backup(Connection c, Path zip) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
        }
    }
}
