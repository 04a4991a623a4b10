package org.miniops.agent.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniops.agent.store.Database;

/** Reads past audit runs and status changes for {@code GET /api/audit/history}. */
public final class AuditHistory {

    private final Database database;

    public AuditHistory(Database database) {
        this.database = database;
    }

    /** Returns the latest {@code limit} runs and the latest {@code limit} status changes, newest first. */
    public Map<String, Object> latest(int limit) {
        return database.transaction(connection -> {
            List<Map<String, Object>> runs = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, started_at, duration_ms, trigger, pass, warn, fail, unknown, skipped, error FROM audit_runs ORDER BY id DESC LIMIT ?")) {
                query.setInt(1, limit);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        Map<String, Object> run = new LinkedHashMap<>();
                        run.put("id", row.getLong(1));
                        run.put("startedAt", Instant.ofEpochMilli(row.getLong(2)).toString());
                        run.put("durationMs", row.getLong(3));
                        run.put("trigger", row.getString(4));
                        Map<String, Object> counts = new LinkedHashMap<>();
                        String[] names = {"pass", "warn", "fail", "unknown", "skipped", "error"};
                        for (int i = 0; i < names.length; i++) {
                            counts.put(names[i], row.getInt(5 + i));
                        }
                        run.put("counts", counts);
                        runs.add(run);
                    }
                }
            }
            List<Map<String, Object>> changes = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT run_id, check_id, from_status, to_status, summary, changed_at FROM status_changes ORDER BY id DESC LIMIT ?")) {
                query.setInt(1, limit);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        Map<String, Object> change = new LinkedHashMap<>();
                        change.put("runId", row.getLong(1));
                        change.put("checkId", row.getString(2));
                        change.put("from", row.getString(3));
                        change.put("to", row.getString(4));
                        change.put("summary", row.getString(5));
                        change.put("changedAt", Instant.ofEpochMilli(row.getLong(6)).toString());
                        changes.add(change);
                    }
                }
            }
            Map<String, Object> history = new LinkedHashMap<>();
            history.put("runs", runs);
            history.put("changes", changes);
            return history;
        });
    }
}
