package org.earshot.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Owns the connection pool and brings the schema up to date with Flyway on open. */
public final class Database implements AutoCloseable {

    private final DataSource dataSource;
    private final AutoCloseable pool;

    private final boolean postgres;

    private Database(DataSource dataSource, AutoCloseable pool, boolean postgres) {
        this.dataSource = dataSource;
        this.pool = pool;
        this.postgres = postgres;
    }

    /** True on PostgreSQL, false on H2: the few statements that differ ask this. */
    public boolean isPostgres() {
        return postgres;
    }

    /** Opens the database at {@code jdbcUrl} and migrates its schema. */
    public static Database open(String jdbcUrl, String user, String password) {
        Database db;
        boolean h2 = jdbcUrl.startsWith("jdbc:h2:");
        if (h2) {
            // Writers of calls queue on one lock row; a batch of an import holds it for a second or two
            // under load, longer than H2's default wait of 10 s allows a queue of them (PostgreSQL waits).
            if (!jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";LOCK_TIMEOUT=")) {
                jdbcUrl = jdbcUrl + ";LOCK_TIMEOUT=120000";
            }
            JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, user == null ? "sa" : user, password == null ? "" : password);
            pool.setMaxConnections(16);
            db = new Database(pool, pool::dispose, false);
        } else {
            // A shared PostgreSQL serves many nodes: each keeps a small pool instead of a connection per query.
            HikariConfig pool = new HikariConfig();
            pool.setJdbcUrl(jdbcUrl);
            pool.setUsername(user);
            pool.setPassword(password);
            pool.setMaximumPoolSize(16);
            pool.setPoolName("earshot-db");
            HikariDataSource ds = new HikariDataSource(pool);
            db = new Database(ds, ds::close, true);
        }
        try {
            Flyway.configure()
                    .dataSource(db.dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("text_type", h2 ? "CHARACTER LARGE OBJECT" : "TEXT",
                            "binary_type", h2 ? "VARBINARY" : "BYTEA"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            db.close();
            if (h2 && heldByAnotherProcess(e)) {
                throw new StoreException("the embedded database " + jdbcUrl.replaceFirst(";.*", "") + " is in use by"
                        + " another Earshot process (serve, worker, import or reindex on the same data-dir): stop it"
                        + " first, or share one PostgreSQL (db-url) between processes", e);
            }
            throw e;
        }
        return db;
    }

    /** H2's "database may be already in use" (error 90020), wherever Flyway wrapped it. */
    private static boolean heldByAnotherProcess(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return true;
            }
        }
        return false;
    }

    /** One transaction's work on its connection. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws; the connection
     * goes back to the pool in auto-commit, as the other statements expect it.
     *
     * @param what names the work in the error, e.g. "erasing call X"
     */
    public <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed", e);
        }
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (Exception e) {
            throw new StoreException("closing the database failed", e);
        }
    }
}
