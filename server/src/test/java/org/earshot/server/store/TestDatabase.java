package org.earshot.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.earshot.server.testing.Prerequisites;

/**
 * A fresh, empty database for one test, on H2 and — when {@code EARSHOT_TEST_PG_URL} names a
 * PostgreSQL (CI starts one; see .ci/run) — on PostgreSQL too, in a schema of its own dropped after.
 */
public final class TestDatabase implements AutoCloseable {

    static final String PG_ENV = "EARSHOT_TEST_PG_URL";

    private final String name;
    private final String url;
    private final String dropSchema;

    private TestDatabase(String name, String url, String dropSchema) {
        this.name = name;
        this.url = url;
        this.dropSchema = dropSchema;
    }

    /** The databases to run storage tests on: H2 always, PostgreSQL when configured. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of("h2"));
        if (System.getenv(PG_ENV) != null) {
            kinds.add("postgresql");
        } else if (Prerequisites.required()) {
            throw new IllegalStateException("EARSHOT_REQUIRE_ALL is set but " + PG_ENV + " is not: the storage tests"
                    + " must run on PostgreSQL too (.ci/run starts one)");
        }
        return kinds;
    }

    public static TestDatabase create(String kind, Path dir) {
        if (kind.equals("h2")) {
            return new TestDatabase("h2", "jdbc:h2:file:" + dir.resolve("db-" + UUID.randomUUID()) + ";DB_CLOSE_ON_EXIT=FALSE", null);
        }
        String base = System.getenv(PG_ENV);
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(PG_ENV + " is set but PostgreSQL is not usable: " + e.getMessage(), e);
        }
        return new TestDatabase("postgresql", base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, schema);
    }

    /** Opens (and migrates) the database; may be called again after closing, like a restart. */
    public Database open() {
        return Database.open(url, null, null);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (dropSchema == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(System.getenv(PG_ENV)); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + dropSchema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("dropping test schema " + dropSchema + " failed", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
