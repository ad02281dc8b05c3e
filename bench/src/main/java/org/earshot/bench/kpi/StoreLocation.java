package org.earshot.bench.kpi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.earshot.bench.BenchFiles;
import org.earshot.bench.server.SyntheticStore;

/** Where one bench store lives: an embedded H2 data dir, or a schema of its own on a PostgreSQL. */
sealed interface StoreLocation {

    /** "H2 /tmp/…" or "PostgreSQL schema …", for the lines the bench prints. */
    String label();

    String jdbcUrl();

    /** The data dir a node wired on this store uses: the store's own on H2, a scratch one beside it on PostgreSQL. */
    Path nodeDataDir();

    /** The db-url a node's config names: none on H2 (the node finds the store in its data dir). */
    String nodeDbUrl();

    boolean exists() throws SQLException;

    /** Leaves the location empty: the next open makes a new store. */
    void clear() throws Exception;

    /** Makes this store a copy of {@code other}'s (closed) store, if this kind of location can; false if not. */
    boolean copyFrom(StoreLocation other) throws Exception;

    /** How much room the store takes, as "1,234 MB". */
    String size() throws Exception;

    /** What the bench said it loaded here (generator, seed, counts), or null: set after a load that finished. */
    String recipe() throws Exception;

    void recipe(String recipe) throws Exception;

    /** A data dir whose H2 store the server would open. */
    record H2(Path dataDir) implements StoreLocation {
        @Override
        public String label() {
            return "H2 " + dataDir;
        }

        @Override
        public String jdbcUrl() {
            return SyntheticStore.jdbcUrl(dataDir);
        }

        @Override
        public Path nodeDataDir() {
            return dataDir;
        }

        @Override
        public String nodeDbUrl() {
            return null;
        }

        @Override
        public boolean exists() {
            return Files.isDirectory(dataDir.resolve("db"));
        }

        @Override
        public void clear() throws Exception {
            BenchFiles.deleteRecursively(dataDir);
            Files.createDirectories(dataDir);
        }

        /** The database files as they are: H2 is closed, so the copy is the store, rollups and all. */
        @Override
        public boolean copyFrom(StoreLocation other) throws Exception {
            if (!(other instanceof H2 source)) {
                return false;
            }
            Path from = source.dataDir.resolve("db");
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path to = dataDir.resolve("db").resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return true;
        }

        @Override
        public String size() throws Exception {
            return BenchFiles.megabytes(dataDir.resolve("db"));
        }

        @Override
        public String recipe() throws Exception {
            Path file = dataDir.resolve(RECIPE_FILE);
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        }

        @Override
        public void recipe(String recipe) throws Exception {
            Files.writeString(dataDir.resolve(RECIPE_FILE), recipe);
        }
    }

    /**
     * A schema of the PostgreSQL at {@code baseUrl} ({@code EARSHOT_TEST_PG_URL}, user and password in it), as
     * the storage tests use one (TestDatabase); {@code scratch} holds what a node keeps on disk (its index).
     */
    record Postgres(String baseUrl, String schema, Path scratch) implements StoreLocation {
        public Postgres {
            checkedSchema(schema);
        }

        @Override
        public String label() {
            return "PostgreSQL schema " + schema;
        }

        @Override
        public String jdbcUrl() {
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        public Path nodeDataDir() {
            return scratch;
        }

        @Override
        public String nodeDbUrl() {
            return jdbcUrl();
        }

        @Override
        public boolean exists() throws SQLException {
            try (Connection c = DriverManager.getConnection(baseUrl);
                 PreparedStatement s = c.prepareStatement("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
                s.setString(1, schema);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        }

        @Override
        public void clear() throws Exception {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
            }
            BenchFiles.deleteRecursively(scratch);
            Files.createDirectories(scratch);
        }

        /** A schema is not copied table by table (identities, rollups): its store is loaded again. */
        @Override
        public boolean copyFrom(StoreLocation other) {
            return false;
        }

        @Override
        public String size() throws Exception {
            try (Connection c = DriverManager.getConnection(baseUrl); PreparedStatement s = c.prepareStatement(
                    "SELECT COALESCE(SUM(pg_total_relation_size(format('%I.%I', schemaname, tablename))), 0)"
                            + " FROM pg_tables WHERE schemaname = ?")) {
                s.setString(1, schema);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return String.format("%,.0f MB", rs.getLong(1) / 1e6);
                }
            }
        }

        /** Kept as the schema's comment: it goes when the schema is dropped. */
        @Override
        public String recipe() throws SQLException {
            try (Connection c = DriverManager.getConnection(baseUrl); PreparedStatement s = c.prepareStatement(
                    "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?")) {
                s.setString(1, schema);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }

        @Override
        public void recipe(String recipe) throws SQLException {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
                // COMMENT takes no bind parameter; the recipe is the bench's own text, quotes doubled all the same.
                s.execute("COMMENT ON SCHEMA " + schema + " IS '" + recipe.replace("'", "''") + "'");
            }
        }
    }

    /** Beside an H2 store's db folder; not copied with it. */
    String RECIPE_FILE = "kpi-bench-recipe.txt";

    /** Schema names go into DDL: only plain lower-case identifiers. */
    static String checkedSchema(String schema) {
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("a PostgreSQL schema name must be lower-case letters, digits and _, was '"
                    + schema + "'");
        }
        return schema;
    }
}
