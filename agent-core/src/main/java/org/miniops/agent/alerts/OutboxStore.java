package org.miniops.agent.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniops.agent.json.Json;
import org.miniops.agent.store.Database;
import org.miniops.api.Alert;
import org.miniops.api.Severity;

/**
 * The durable alert outbox: alerts with one delivery row per notifier, in SQLite.
 *
 * <p>A delivery is {@code pending} until its notifier accepts it ({@code delivered}) or the alert
 * grows older than the maximum age ({@code expired}). Deliveries of one notifier go out in the
 * order the alerts were written. Thread-safe through {@link Database}.
 */
public final class OutboxStore {

    /** Delivery states stored in {@code alert_deliveries.state}. */
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String EXPIRED = "expired";

    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };

    private final Database database;

    public OutboxStore(Database database) {
        this.database = database;
    }

    /**
     * Writes {@code alert} and a pending delivery for each of {@code notifierIds} within the
     * caller's transaction, so the alert exists exactly when the change that caused it does.
     */
    public static void enqueue(Connection connection, Alert alert, List<String> notifierIds) throws SQLException {
        long seq;
        try (var statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM alerts")) {
            result.next();
            seq = result.getLong(1);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO alerts(id, seq, created_at, kind, severity, title, fields_json, host_name) VALUES (?,?,?,?,?,?,?,?)")) {
            insert.setString(1, alert.id());
            insert.setLong(2, seq);
            insert.setLong(3, alert.time().toEpochMilli());
            insert.setString(4, alert.kind());
            insert.setString(5, alert.severity().name());
            insert.setString(6, alert.title());
            insert.setString(7, Json.write(alert.fields()));
            insert.setString(8, alert.hostName());
            insert.executeUpdate();
        }
        try (PreparedStatement delivery = connection.prepareStatement(
                "INSERT INTO alert_deliveries(alert_id, notifier_id, state, next_attempt_at) VALUES (?,?,?,?)")) {
            for (String notifierId : notifierIds) {
                delivery.setString(1, alert.id());
                delivery.setString(2, notifierId);
                delivery.setString(3, PENDING);
                delivery.setLong(4, alert.time().toEpochMilli());
                delivery.addBatch();
            }
            delivery.executeBatch();
        }
    }

    /** Writes {@code alert} in a transaction of its own. */
    public void enqueue(Alert alert, List<String> notifierIds) {
        database.transaction(connection -> {
            enqueue(connection, alert, notifierIds);
            return null;
        });
    }

    /** Returns the oldest pending delivery of {@code notifierId}, due or not, so later alerts wait their turn. */
    public Optional<PendingDelivery> oldestPending(String notifierId) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT a.id, a.kind, a.severity, a.title, a.fields_json, a.host_name, a.created_at,
                           d.attempts, d.next_attempt_at
                    FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
                    WHERE d.notifier_id = ? AND d.state = ?
                    ORDER BY a.seq LIMIT 1""")) {
                query.setString(1, notifierId);
                query.setString(2, PENDING);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Alert alert = new Alert(row.getString(1), row.getString(2), Severity.valueOf(row.getString(3)),
                            row.getString(4), parseFields(row.getString(5)), row.getString(6),
                            Instant.ofEpochMilli(row.getLong(7)));
                    return Optional.of(new PendingDelivery(alert, notifierId, row.getInt(8),
                            Instant.ofEpochMilli(row.getLong(9))));
                }
            }
        });
    }

    /** Marks a delivery accepted by its notifier; it is never sent again. */
    public void markDelivered(String alertId, String notifierId, Instant at) {
        finish(alertId, notifierId, DELIVERED, at, null);
    }

    /** Marks a delivery dropped because its alert grew too old. */
    public void markExpired(String alertId, String notifierId, Instant at, String reason) {
        finish(alertId, notifierId, EXPIRED, at, reason);
    }

    /** Records a failed attempt and when to try again, {@code nextAttempt} rounded up to the millisecond. */
    public void recordFailure(String alertId, String notifierId, String error, Instant nextAttempt) {
        // Rounded up because truncating could start a retry up to 1 ms before a service's retry_after ends.
        long nextMillis = nextAttempt.plusNanos(999_999).toEpochMilli();
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE alert_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                    WHERE alert_id = ? AND notifier_id = ? AND state = ?""")) {
                update.setString(1, error);
                update.setLong(2, nextMillis);
                update.setString(3, alertId);
                update.setString(4, notifierId);
                update.setString(5, PENDING);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Lists deliveries for the API: {@code pending} (not yet accepted), or {@code failed}
     * (pending after at least one failed attempt, or expired).
     */
    public List<Map<String, Object>> list(String filter, int limit) {
        String condition = switch (filter) {
            case "pending" -> "d.state = 'pending'";
            case "failed" -> "(d.state = 'pending' AND d.attempts > 0) OR d.state = 'expired'";
            case "delivered" -> "d.state = 'delivered'";
            default -> "1 = 1";
        };
        // An alert raised while no notifier was configured has no delivery row; list it anyway.
        String join = filter.equals("all") ? "LEFT JOIN" : "JOIN";
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT a.id, a.kind, a.severity, a.title, a.created_at, d.notifier_id, d.state, d.attempts,
                           d.next_attempt_at, d.last_error, d.finished_at
                    FROM alerts a\s""" + join + " alert_deliveries d ON a.id = d.alert_id WHERE " + condition
                    + " ORDER BY a.seq DESC, d.notifier_id LIMIT ?")) {
                query.setInt(1, limit);
                List<Map<String, Object>> rows = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        Map<String, Object> json = new LinkedHashMap<>();
                        json.put("alertId", row.getString(1));
                        json.put("kind", row.getString(2));
                        json.put("severity", row.getString(3));
                        json.put("title", row.getString(4));
                        json.put("createdAt", Instant.ofEpochMilli(row.getLong(5)).toString());
                        String state = row.getString(7);
                        json.put("notifier", row.getString(6));
                        json.put("state", state == null ? "no_notifier" : state);
                        json.put("attempts", row.getInt(8));
                        json.put("nextAttemptAt", PENDING.equals(state) ? Instant.ofEpochMilli(row.getLong(9)).toString() : null);
                        json.put("lastError", row.getString(10));
                        long finished = row.getLong(11);
                        json.put("finishedAt", row.wasNull() ? null : Instant.ofEpochMilli(finished).toString());
                        rows.add(json);
                    }
                }
                return rows;
            }
        });
    }

    /** Returns the state and last error of one delivery, if it exists. */
    public Optional<DeliveryState> state(String alertId, String notifierId) {
        return database.transaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT state, attempts, last_error FROM alert_deliveries WHERE alert_id = ? AND notifier_id = ?")) {
                query.setString(1, alertId);
                query.setString(2, notifierId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new DeliveryState(row.getString(1), row.getInt(2), row.getString(3)));
                }
            }
        });
    }

    private void finish(String alertId, String notifierId, String state, Instant at, String reason) {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE alert_deliveries SET state = ?, finished_at = ?, last_error = COALESCE(?, last_error)
                    WHERE alert_id = ? AND notifier_id = ? AND state = ?""")) {
                update.setString(1, state);
                update.setLong(2, at.toEpochMilli());
                update.setString(3, reason);
                update.setString(4, alertId);
                update.setString(5, notifierId);
                update.setString(6, PENDING);
                update.executeUpdate();
            }
            return null;
        });
    }

    private static Map<String, String> parseFields(String json) {
        try {
            return Json.mapper().readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            // Written by this class from a map of strings; unreadable only if the file was edited by hand.
            return Map.of("Fields", json);
        }
    }

    /**
     * Delivery of one alert to one notifier that is still owed.
     *
     * @param alert the alert
     * @param notifierId the notifier that owes it
     * @param attempts failed attempts so far
     * @param nextAttemptAt earliest time for the next attempt
     */
    public record PendingDelivery(Alert alert, String notifierId, int attempts, Instant nextAttemptAt) {
    }

    /**
     * Current state of one delivery.
     *
     * @param state {@code pending}, {@code delivered} or {@code expired}
     * @param attempts failed attempts so far
     * @param lastError message of the last failure, or null
     */
    public record DeliveryState(String state, int attempts, String lastError) {
    }
}
