package org.earshot.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;

/** Owns the connection pool and brings the schema up to date with Flyway on open. */
public final class Database implements AutoCloseable {

    private final DataSource dataSource;
    private final AutoCloseable pool;

    private Database(DataSource dataSource, AutoCloseable pool) {
        this.dataSource = dataSource;
        this.pool = pool;
    }

    /** Opens the database at {@code jdbcUrl} and migrates its schema. */
    public static Database open(String jdbcUrl, String user, String password) {
        Database db;
        boolean h2 = jdbcUrl.startsWith("jdbc:h2:");
        if (h2) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, user == null ? "sa" : user, password == null ? "" : password);
            pool.setMaxConnections(16);
            db = new Database(pool, pool::dispose);
        } else {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(jdbcUrl);
            if (user != null) {
                ds.setUser(user);
            }
            if (password != null) {
                ds.setPassword(password);
            }
            db = new Database(ds, () -> { });
        }
        Flyway.configure()
                .dataSource(db.dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("text_type", h2 ? "CHARACTER LARGE OBJECT" : "TEXT"))
                .load()
                .migrate();
        return db;
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
