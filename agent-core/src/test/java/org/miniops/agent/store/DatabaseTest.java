package org.miniops.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state database on real SQLite files: schema versions, WAL mode, permissions, transactions. */
class DatabaseTest {

    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (\\w+)");

    @TempDir
    Path dir;

    @Test
    void newDatabaseHasLatestSchemaVersion() throws SQLException {
        Database.open(dir).close();

        assertThat(userVersion(dir.resolve(Database.FILE_NAME))).isEqualTo(Migrations.latestVersion());
    }

    @Test
    void newDatabaseHasEveryVersionOneTable() {
        try (Database database = Database.open(dir)) {
            assertThat(tableNames(database))
                    .contains("check_state", "audit_runs", "status_changes", "alerts", "alert_deliveries");
        }
    }

    @Test
    void newDatabaseUsesWriteAheadLog() {
        try (Database database = Database.open(dir)) {
            String mode = queryText(database, "PRAGMA journal_mode");

            assertThat(mode).isEqualTo("wal");
        }
    }

    @Test
    void writeAheadLogModeIsStoredInFile() throws SQLException {
        Database.open(dir).close();

        // WAL mode is stored in the file, so a plain connection that sets nothing still finds it.
        try (Connection connection = plainConnection(dir.resolve(Database.FILE_NAME))) {
            assertThat(queryText(connection, "PRAGMA journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void databaseFileIsOwnerOnly() throws IOException {
        Database.open(dir).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(Database.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void walFileIsOwnerOnly() throws IOException {
        try (Database database = Database.open(dir)) {
            insertRun(database, 1_000);

            // SQLite creates the -wal file with the mode of the database file, not from the umask.
            Path wal = dir.resolve(Database.FILE_NAME + "-wal");
            assertThat(wal).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wal))).isEqualTo("rw-------");
        }
    }

    @Test
    void committedRowsSurviveReopen() {
        try (Database database = Database.open(dir)) {
            insertRun(database, 1_000);
        }

        try (Database database = Database.open(dir)) {
            assertThat(countRows(database, "audit_runs")).isEqualTo(1);
        }
    }

    @Test
    void emptyVersionZeroDatabaseIsUpgradedInPlace() throws SQLException {
        Path file = dir.resolve(Database.FILE_NAME);
        try (Connection connection = plainConnection(file); Statement statement = connection.createStatement()) {
            // A table the agent does not know represents data written by hand or by another tool.
            statement.execute("CREATE TABLE operator_notes (note TEXT NOT NULL)");
            statement.execute("INSERT INTO operator_notes VALUES ('moved from web1')");
        }
        assertThat(userVersion(file)).isZero();

        try (Database database = Database.open(dir)) {
            assertThat(tableNames(database)).contains("check_state", "alerts", "operator_notes");
            assertThat(queryText(database, "SELECT note FROM operator_notes"))
                    .isEqualTo("moved from web1");
        }
        assertThat(userVersion(file)).isEqualTo(Migrations.latestVersion());
    }

    @Test
    void versionOneDatabaseIsUpgradedKeepingRows() throws SQLException {
        Path file = dir.resolve(Database.FILE_NAME);
        try (Connection connection = plainConnection(file); Statement statement = connection.createStatement()) {
            for (String sql : Migrations.STEPS.get(0)) {
                statement.execute(sql);
            }
            statement.execute("PRAGMA user_version=1");
            statement.execute("""
                    INSERT INTO check_state(check_id, status, summary, changed_at, checked_at, failing_alerted)
                    VALUES ('ssh.root-login', 'FAIL', 'PermitRootLogin yes', 1000, 2000, 1)""");
            statement.execute("""
                    INSERT INTO alerts(id, seq, created_at, kind, severity, title, fields_json, host_name)
                    VALUES ('a1', 1, 1000, 'audit.changed', 'CRITICAL', 'FAIL: Root login', '{}', 'web1')""");
            statement.execute("""
                    INSERT INTO alert_deliveries(alert_id, notifier_id, state, next_attempt_at)
                    VALUES ('a1', 'telegram', 'pending', 1000)""");
        }

        try (Database database = Database.open(dir)) {
            assertThat(queryText(database, "SELECT status || ' ' || failing_alerted FROM check_state WHERE check_id = 'ssh.root-login'"))
                    .isEqualTo("FAIL 1");
            assertThat(queryText(database, "SELECT state FROM alert_deliveries WHERE alert_id = 'a1'"))
                    .isEqualTo("pending");
        }
        assertThat(userVersion(file)).isEqualTo(Migrations.latestVersion());
    }

    @Test
    void failedUpgradeStepLeavesOlderVersionIntact() throws SQLException {
        int from = Migrations.latestVersion() - 1;
        List<String> step = Migrations.STEPS.get(from);
        Path file = dir.resolve(Database.FILE_NAME);
        try (Connection connection = plainConnection(file); Statement statement = connection.createStatement()) {
            for (int version = 0; version < from; version++) {
                for (String sql : Migrations.STEPS.get(version)) {
                    statement.execute(sql);
                }
            }
            statement.execute("PRAGMA user_version=" + from);
            // A table in the way of the step's last CREATE TABLE makes the step fail after its first statements ran.
            statement.execute("CREATE TABLE " + lastCreatedTable(step) + " (leftover TEXT)");
        }

        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("from schema version " + from + " to " + (from + 1))
                .hasMessageContaining("already exists")
                .hasMessageContaining("move the file away");

        assertThat(userVersion(file)).isEqualTo(from);
        try (Connection connection = plainConnection(file)) {
            assertThat(queryText(connection, "SELECT count(*) FROM sqlite_master WHERE name = '" + firstCreatedTable(step) + "'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void newerSchemaIsRejectedWithVersionsAndFix() throws SQLException {
        Path file = dir.resolve(Database.FILE_NAME);
        setUserVersion(file, 99);

        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("version " + Migrations.latestVersion())
                .hasMessageContaining("run the newer Mini-Ops release")
                .hasMessageContaining("move the file away");
    }

    @Test
    void newerSchemaIsLeftUnchanged() throws SQLException {
        Path file = dir.resolve(Database.FILE_NAME);
        setUserVersion(file, 99);

        assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(StoreException.class);

        assertThat(userVersion(file)).isEqualTo(99);
        try (Connection connection = plainConnection(file)) {
            assertThat(queryText(connection, "SELECT count(*) FROM sqlite_master")).isEqualTo("0");
        }
    }

    @Test
    void randomBytesAreRejected() throws IOException {
        byte[] noise = new byte[8192];
        new Random(42).nextBytes(noise);
        Path file = Files.write(dir.resolve(Database.FILE_NAME), noise);

        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a database")
                .hasMessageContaining("move the file away");
        assertThat(Files.readAllBytes(file)).isEqualTo(noise);
    }

    @Test
    void missingDataDirectoryIsReported() {
        Path missing = dir.resolve("no-such-dir");

        assertThatThrownBy(() -> Database.open(missing))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(missing.resolve(Database.FILE_NAME).toString())
                .hasMessageContaining("DATA_DIR");
    }

    @Test
    void transactionReturnsWorkResult() {
        try (Database database = Database.open(dir)) {
            long id = insertRun(database, 1_000);

            assertThat(id).isEqualTo(1);
        }
    }

    @Test
    void transactionThatThrowsLeavesNothingBehind() {
        try (Database database = Database.open(dir)) {
            IllegalStateException failure = new IllegalStateException("audit report is incomplete");

            assertThatThrownBy(() -> database.transaction(connection -> {
                insertRun(connection, 1_000);
                insertRun(connection, 2_000);
                throw failure;
            })).isSameAs(failure);

            assertThat(countRows(database, "audit_runs")).isZero();
        }
    }

    @Test
    void transactionWithSqlErrorLeavesNothingBehind() {
        try (Database database = Database.open(dir)) {
            assertThatThrownBy(() -> database.transaction(connection -> {
                insertRun(connection, 1_000);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO no_such_table VALUES (1)");
                }
                return null;
            })).isInstanceOf(StoreException.class)
                    .hasMessageContaining(database.file().toString())
                    .hasMessageContaining("no_such_table");

            assertThat(countRows(database, "audit_runs")).isZero();
        }
    }

    @Test
    void databaseStaysUsableAfterRollback() {
        try (Database database = Database.open(dir)) {
            assertThatThrownBy(() -> database.transaction(connection -> {
                insertRun(connection, 1_000);
                throw new IllegalStateException("rolled back");
            })).isInstanceOf(IllegalStateException.class);

            insertRun(database, 2_000);

            assertThat(countRows(database, "audit_runs")).isEqualTo(1);
            assertThat(queryText(database, "SELECT started_at FROM audit_runs"))
                    .isEqualTo("2000");
        }
    }

    private static String firstCreatedTable(List<String> step) {
        return createdTables(step).getFirst();
    }

    private static String lastCreatedTable(List<String> step) {
        return createdTables(step).getLast();
    }

    private static List<String> createdTables(List<String> step) {
        List<String> names = new ArrayList<>();
        for (String sql : step) {
            Matcher matcher = CREATE_TABLE.matcher(sql);
            if (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        assertThat(names).as("tables created by the step").hasSizeGreaterThanOrEqualTo(2);
        return names;
    }

    private static long insertRun(Database database, long startedAt) {
        return database.transaction(connection -> insertRun(connection, startedAt));
    }

    private static long insertRun(Connection connection, long startedAt) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO audit_runs(started_at, duration_ms, trigger, pass, warn, fail, unknown, skipped, error)"
                    + " VALUES (" + startedAt + ", 5, 'scheduled', 1, 0, 0, 0, 0, 0)");
        }
        return Long.parseLong(queryText(connection, "SELECT last_insert_rowid()"));
    }

    private static int countRows(Database database, String table) {
        return database.transaction(connection -> Integer.parseInt(queryText(connection, "SELECT count(*) FROM " + table)));
    }

    private static List<String> tableNames(Database database) {
        return database.transaction(connection -> {
            List<String> names = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
    }

    private static String queryText(Database database, String sql) {
        return database.transaction(connection -> queryText(connection, sql));
    }

    private static String queryText(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static Connection plainConnection(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private static int userVersion(Path file) throws SQLException {
        try (Connection connection = plainConnection(file)) {
            return Integer.parseInt(queryText(connection, "PRAGMA user_version"));
        }
    }

    private static void setUserVersion(Path file, int version) throws SQLException {
        try (Connection connection = plainConnection(file); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version=" + version);
        }
    }
}
