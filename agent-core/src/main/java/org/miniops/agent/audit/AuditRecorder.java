package org.miniops.agent.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.miniops.agent.alerts.OutboxStore;
import org.miniops.agent.store.Database;
import org.miniops.api.Alert;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.miniops.api.Severity;

/**
 * Stores each audit run, the status changes it found and each check's last status, and writes
 * the alerts those changes deserve to the outbox, all in one transaction.
 *
 * <p>Because the alerts are committed together with the new state, a crash either loses both
 * (the next run finds the same change again) or keeps both (the outbox still contains the alerts),
 * and a restart never alerts twice for an unchanged state.
 */
public final class AuditRecorder {

    private static final Logger LOG = Logger.getLogger(AuditRecorder.class.getName());

    private final Database database;
    private final AlertPolicy policy;
    private final String serverName;
    private final Supplier<List<String>> notifierIds;

    /**
     * @param notifierIds the notifiers that get deliveries, asked at each run
     */
    public AuditRecorder(Database database, java.util.Set<CheckStatus> alertOn, String serverName,
                         Supplier<List<String>> notifierIds) {
        this.database = database;
        this.policy = new AlertPolicy(alertOn);
        this.serverName = serverName;
        this.notifierIds = notifierIds;
    }

    /** Records {@code report}; returns the alerts written to the outbox. */
    public List<Alert> record(AuditReport report, String trigger) {
        List<String> notifiers = notifierIds.get();
        List<Alert> alerts = database.transaction(connection -> {
            Map<String, StoredState> states = loadStates(connection);
            long runId = insertRun(connection, report, trigger);
            List<Alert> created = new ArrayList<>();
            for (CheckOutcome outcome : report.checks()) {
                StoredState stored = states.get(outcome.id());
                Optional<Alert> alert = recordOutcome(connection, runId, report.startedAt(), outcome, stored);
                if (alert.isPresent()) {
                    OutboxStore.enqueue(connection, alert.get(), notifiers);
                    created.add(alert.get());
                }
            }
            return created;
        });
        if (!alerts.isEmpty()) {
            LOG.info("Audit raised " + alerts.size() + " alerts: " + alerts.stream().map(Alert::title).toList());
        }
        return alerts;
    }

    private Optional<Alert> recordOutcome(Connection connection, long runId, Instant time, CheckOutcome outcome,
                                          StoredState stored) throws SQLException {
        CheckStatus current = outcome.result().status();
        Optional<CheckStatus> previous = Optional.ofNullable(stored).map(StoredState::status);
        boolean failingAlerted = stored != null && stored.failingAlerted();
        Optional<AlertPolicy.Decision> decision = policy.decide(previous, failingAlerted, current);
        boolean changed = previous.isEmpty() || previous.get() != current;

        if (changed) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO status_changes(run_id, check_id, from_status, to_status, summary, changed_at) VALUES (?,?,?,?,?,?)")) {
                insert.setLong(1, runId);
                insert.setString(2, outcome.id());
                insert.setString(3, previous.map(Enum::name).orElse(null));
                insert.setString(4, current.name());
                insert.setString(5, outcome.result().summary());
                insert.setLong(6, time.toEpochMilli());
                insert.executeUpdate();
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO check_state(check_id, status, summary, changed_at, checked_at, failing_alerted)
                VALUES (?,?,?,?,?,?)
                ON CONFLICT(check_id) DO UPDATE SET status = excluded.status, summary = excluded.summary,
                    changed_at = CASE WHEN check_state.status = excluded.status THEN check_state.changed_at ELSE excluded.changed_at END,
                    checked_at = excluded.checked_at, failing_alerted = excluded.failing_alerted""")) {
            upsert.setString(1, outcome.id());
            upsert.setString(2, current.name());
            upsert.setString(3, outcome.result().summary());
            upsert.setLong(4, time.toEpochMilli());
            upsert.setLong(5, time.toEpochMilli());
            upsert.setInt(6, AlertPolicy.failingAfter(failingAlerted, decision) ? 1 : 0);
            upsert.executeUpdate();
        }
        return decision.map(kind -> toAlert(kind, outcome, previous, time));
    }

    private Alert toAlert(AlertPolicy.Decision decision, CheckOutcome outcome, Optional<CheckStatus> previous, Instant time) {
        CheckResult result = outcome.result();
        String title = switch (decision) {
            case FAILING -> "FAIL: " + outcome.title();
            case RESOLVED -> "Resolved: " + outcome.title();
            case CHANGED -> result.status() + ": " + outcome.title();
        };
        Severity severity = switch (decision) {
            case FAILING -> Severity.CRITICAL;
            case RESOLVED -> Severity.INFO;
            case CHANGED -> Severity.WARNING;
        };
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Check", outcome.id());
        fields.put("Status", result.status().name());
        fields.put("Previous status", previous.map(Enum::name).orElse("none (first audit)"));
        fields.put("Summary", result.summary());
        if (!result.evidence().isEmpty()) {
            fields.put("Evidence", String.join("\n", result.evidence()));
        }
        if (!result.remediation().isEmpty() && decision != AlertPolicy.Decision.RESOLVED) {
            fields.put("Remediation", result.remediation());
        }
        String kind = decision == AlertPolicy.Decision.RESOLVED ? "audit.resolved" : "audit.changed";
        return new Alert(UUID.randomUUID().toString(), kind, severity, title, fields, serverName, time);
    }

    private static Map<String, StoredState> loadStates(Connection connection) throws SQLException {
        Map<String, StoredState> states = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT check_id, status, failing_alerted FROM check_state")) {
            while (row.next()) {
                CheckStatus status;
                try {
                    status = CheckStatus.valueOf(row.getString(2));
                } catch (IllegalArgumentException e) {
                    // A status this version does not know: treat the check as new.
                    continue;
                }
                states.put(row.getString(1), new StoredState(status, row.getInt(3) == 1));
            }
        }
        return states;
    }

    private static long insertRun(Connection connection, AuditReport report, String trigger) throws SQLException {
        var counts = report.counts();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_runs(started_at, duration_ms, trigger, pass, warn, fail, unknown, skipped, error) VALUES (?,?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, report.startedAt().toEpochMilli());
            insert.setLong(2, report.durationMillis());
            insert.setString(3, trigger);
            insert.setInt(4, counts.get(CheckStatus.PASS));
            insert.setInt(5, counts.get(CheckStatus.WARN));
            insert.setInt(6, counts.get(CheckStatus.FAIL));
            insert.setInt(7, counts.get(CheckStatus.UNKNOWN));
            insert.setInt(8, counts.get(CheckStatus.SKIPPED));
            insert.setInt(9, counts.get(CheckStatus.ERROR));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private record StoredState(CheckStatus status, boolean failingAlerted) {
    }
}
