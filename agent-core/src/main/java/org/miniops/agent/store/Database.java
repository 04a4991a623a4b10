package org.miniops.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;

/**
 * The agent's SQLite state database, {@code DATA_DIR/mini-ops.db}.
 *
 * <p>One connection in WAL mode with {@code synchronous=FULL}, so a committed transaction survives
 * a crash of the agent or of the machine. The schema version lives in {@code PRAGMA user_version}:
 * an older database is upgraded in place at open, a newer one is rejected. Thread-safe: work runs
 * one transaction at a time under the connection's lock; keep network calls out of it.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    /** File name inside DATA_DIR. */
    public static final String FILE_NAME = "mini-ops.db";

    private final Connection connection;
    private final Path file;

    private Database(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /**
     * Opens (creating if needed) the database in {@code dataDir} and brings its schema up to date.
     *
     * @throws StoreException when the file cannot be opened, is not a database, or has a newer schema
     */
    public static Database open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        boolean created = !Files.exists(file);
        // sqlite-jdbc unpacks its native library into a temp directory; /tmp may be noexec on a
        // hardened server, the data directory is not.
        System.setProperty("org.sqlite.tmpdir", dataDir.toString());
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage()
                    + "; check that DATA_DIR is writable by the agent's user", e);
        }
        Database database = new Database(connection, file);
        try {
            if (created) {
                restrictPermissions(file);
            }
            database.configure();
            database.migrate();
        } catch (SQLException e) {
            database.close();
            throw new StoreException("cannot use " + file + " as the state database: " + e.getMessage()
                    + "; move the file away to start with empty state", e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** Runs {@code work} in one transaction and commits it before returning. */
    public <T> T transaction(SqlWork<T> work) {
        synchronized (connection) {
            try {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new StoreException("database operation on " + file + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Returns the database file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        synchronized (connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warning("Closing " + file + " failed: " + e.getMessage());
            }
        }
    }

    private void configure() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA foreign_keys=ON");
            statement.execute("PRAGMA busy_timeout=5000");
        }
    }

    private void migrate() throws SQLException {
        int current = userVersion();
        int latest = Migrations.latestVersion();
        if (current > latest) {
            throw new StoreException(file + " has schema version " + current + ", newer than version " + latest
                    + " that this Mini-Ops understands; run the newer Mini-Ops release again, or move the file away to start with empty state");
        }
        for (int version = current; version < latest; version++) {
            int from = version;
            try {
                // One transaction per step, the version bump included, so a failed step leaves the old schema as it was.
                transaction(connection -> {
                    List<String> step = Migrations.STEPS.get(from);
                    try (Statement statement = connection.createStatement()) {
                        for (String sql : step) {
                            statement.execute(sql);
                        }
                        statement.execute("PRAGMA user_version=" + (from + 1));
                    }
                    return null;
                });
            } catch (StoreException e) {
                String reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
                throw new StoreException("cannot upgrade " + file + " from schema version " + from + " to " + (from + 1) + ": " + reason
                        + "; the schema stays at version " + from + ", so restore a backup or move the file away to start with empty state", e);
            }
            LOG.info("State database " + file + " upgraded from schema version " + from + " to " + (from + 1));
        }
    }

    private int userVersion() throws SQLException {
        try (Statement statement = connection.createStatement();
             var result = statement.executeQuery("PRAGMA user_version")) {
            return result.next() ? result.getInt(1) : 0;
        }
    }

    private static void restrictPermissions(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warning("Cannot restrict permissions of " + file + ": " + e.getMessage());
        }
    }
}
