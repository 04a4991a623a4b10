package org.miniops.agent.store;

import java.util.List;

/**
 * Schema of the state database, one entry per version. Entry {@code i} upgrades version {@code i}
 * to {@code i + 1}; released entries never change, new versions are appended.
 */
final class Migrations {

    static final List<List<String>> STEPS = List.of(
            // Version 1: audit state and history, alert outbox.
            List.of(
                    """
                    CREATE TABLE check_state (
                        check_id      TEXT PRIMARY KEY,
                        status        TEXT NOT NULL,
                        summary       TEXT NOT NULL,
                        changed_at    INTEGER NOT NULL,
                        checked_at    INTEGER NOT NULL,
                        failing_alerted INTEGER NOT NULL DEFAULT 0
                    )""",
                    """
                    CREATE TABLE audit_runs (
                        id           INTEGER PRIMARY KEY AUTOINCREMENT,
                        started_at   INTEGER NOT NULL,
                        duration_ms  INTEGER NOT NULL,
                        trigger      TEXT NOT NULL,
                        pass         INTEGER NOT NULL,
                        warn         INTEGER NOT NULL,
                        fail         INTEGER NOT NULL,
                        unknown      INTEGER NOT NULL,
                        skipped      INTEGER NOT NULL,
                        error        INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE status_changes (
                        id           INTEGER PRIMARY KEY AUTOINCREMENT,
                        run_id       INTEGER NOT NULL REFERENCES audit_runs(id),
                        check_id     TEXT NOT NULL,
                        from_status  TEXT,
                        to_status    TEXT NOT NULL,
                        summary      TEXT NOT NULL,
                        changed_at   INTEGER NOT NULL
                    )""",
                    "CREATE INDEX status_changes_by_time ON status_changes(changed_at)",
                    """
                    CREATE TABLE alerts (
                        id           TEXT PRIMARY KEY,
                        seq          INTEGER NOT NULL UNIQUE,
                        created_at   INTEGER NOT NULL,
                        kind         TEXT NOT NULL,
                        severity     TEXT NOT NULL,
                        title        TEXT NOT NULL,
                        fields_json  TEXT NOT NULL,
                        host_name    TEXT NOT NULL
                    )""",
                    """
                    CREATE TABLE alert_deliveries (
                        alert_id        TEXT NOT NULL REFERENCES alerts(id),
                        notifier_id     TEXT NOT NULL,
                        state           TEXT NOT NULL,
                        attempts        INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at INTEGER NOT NULL,
                        last_error      TEXT,
                        finished_at     INTEGER,
                        PRIMARY KEY (alert_id, notifier_id)
                    )""",
                    "CREATE INDEX deliveries_due ON alert_deliveries(notifier_id, state, next_attempt_at)"),
            // Version 2: SSH logins reported by the PAM hook, trusted networks, used hook nonces.
            List.of(
                    """
                    CREATE TABLE logins (
                        id           INTEGER PRIMARY KEY AUTOINCREMENT,
                        user_name    TEXT NOT NULL,
                        remote_host  TEXT NOT NULL,
                        remote_ip    TEXT,
                        service      TEXT NOT NULL,
                        tty          TEXT NOT NULL,
                        login_at     INTEGER NOT NULL,
                        received_at  INTEGER NOT NULL,
                        trusted      INTEGER NOT NULL,
                        seen_before  INTEGER NOT NULL,
                        alert_id     TEXT
                    )""",
                    "CREATE INDEX logins_by_source ON logins(remote_host)",
                    "CREATE INDEX logins_by_ip ON logins(remote_ip)",
                    """
                    CREATE TABLE trusted_networks (
                        id           INTEGER PRIMARY KEY AUTOINCREMENT,
                        network      TEXT NOT NULL UNIQUE,
                        note         TEXT NOT NULL,
                        created_at   INTEGER NOT NULL
                    )""",
                    """
                    CREATE TABLE hook_nonces (
                        nonce        TEXT PRIMARY KEY,
                        used_at      INTEGER NOT NULL
                    )"""));

    private Migrations() {
    }

    /** Returns the schema version this agent writes. */
    static int latestVersion() {
        return STEPS.size();
    }
}
