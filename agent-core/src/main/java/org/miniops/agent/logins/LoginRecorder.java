package org.miniops.agent.logins;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.miniops.agent.alerts.OutboxStore;
import org.miniops.agent.net.IpNetwork;
import org.miniops.agent.store.Database;
import org.miniops.api.Alert;
import org.miniops.api.Severity;

/**
 * Stores SSH logins and, unless the source is trusted, writes their alert to the outbox in the
 * same transaction, so a login is never stored without its alert or alerted twice. Thread-safe.
 */
public final class LoginRecorder {

    private final Database database;
    private final TrustedNetworks trusted;
    private final String serverName;
    private final Supplier<List<String>> notifierIds;

    public LoginRecorder(Database database, TrustedNetworks trusted, String serverName, Supplier<List<String>> notifierIds) {
        this.database = database;
        this.trusted = trusted;
        this.serverName = serverName;
        this.notifierIds = notifierIds;
    }

    /**
     * Stored login.
     *
     * @param id row id
     * @param trusted whether the source matched a trusted network, which suppresses the alert
     * @param alertId the alert written for it, empty when trusted
     */
    public record Recorded(long id, boolean trusted, Optional<String> alertId) {
    }

    /** Records a login and its alert; returns what was stored. */
    public Recorded record(LoginEvent event, Instant receivedAt) {
        Optional<InetAddress> address = IpNetwork.parseAddress(event.remoteHost());
        Optional<String> remoteIp = address.map(LoginRecorder::canonicalText);
        Optional<String> trustedBy = address.flatMap(trusted::match);
        List<String> notifiers = notifierIds.get();

        return database.transaction(connection -> {
            boolean seenBefore = seenBefore(connection, event.remoteHost(), remoteIp);
            Optional<Alert> alert = trustedBy.isPresent()
                    ? Optional.empty()
                    : Optional.of(toAlert(event, remoteIp, seenBefore));
            long id;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO logins(user_name, remote_host, remote_ip, service, tty, login_at, received_at, trusted, seen_before, alert_id)
                    VALUES (?,?,?,?,?,?,?,?,?,?)""", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, event.user());
                insert.setString(2, event.remoteHost());
                insert.setString(3, remoteIp.orElse(null));
                insert.setString(4, event.service());
                insert.setString(5, event.tty());
                insert.setLong(6, event.time().toEpochMilli());
                insert.setLong(7, receivedAt.toEpochMilli());
                insert.setInt(8, trustedBy.isPresent() ? 1 : 0);
                insert.setInt(9, seenBefore ? 1 : 0);
                insert.setString(10, alert.map(Alert::id).orElse(null));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            if (alert.isPresent()) {
                OutboxStore.enqueue(connection, alert.get(), notifiers);
            }
            return new Recorded(id, trustedBy.isPresent(), alert.map(Alert::id));
        });
    }

    /** Returns the latest {@code limit} logins, newest first. */
    public List<Map<String, Object>> latest(int limit) {
        return database.transaction(connection -> {
            List<Map<String, Object>> logins = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT id, user_name, remote_host, remote_ip, service, tty, login_at, trusted, seen_before, alert_id
                    FROM logins ORDER BY login_at DESC, id DESC LIMIT ?""")) {
                query.setInt(1, limit);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        Map<String, Object> login = new LinkedHashMap<>();
                        login.put("id", row.getLong(1));
                        login.put("user", row.getString(2));
                        login.put("remoteHost", row.getString(3));
                        login.put("remoteIp", row.getString(4));
                        login.put("service", row.getString(5));
                        login.put("tty", row.getString(6));
                        login.put("time", Instant.ofEpochMilli(row.getLong(7)).toString());
                        login.put("trusted", row.getInt(8) == 1);
                        login.put("seenBefore", row.getInt(9) == 1);
                        login.put("alertId", row.getString(10));
                        logins.add(login);
                    }
                }
            }
            return logins;
        });
    }

    /**
     * Returns whether an earlier login came from the same source: the same address when there is
     * one, so {@code ::ffff:203.0.113.7} and {@code 203.0.113.7} are one source, else the same text.
     */
    private static boolean seenBefore(Connection connection, String remoteHost, Optional<String> remoteIp) throws SQLException {
        String sql = remoteIp.isPresent()
                ? "SELECT 1 FROM logins WHERE remote_ip = ? LIMIT 1"
                : "SELECT 1 FROM logins WHERE remote_host = ? LIMIT 1";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, remoteIp.orElse(remoteHost));
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Returns the address in its canonical text form (RFC 5952 for IPv6), which Java's getHostAddress does not produce. */
    private static String canonicalText(InetAddress address) {
        return IpNetwork.parse(address.getHostAddress()).toString();
    }

    private Alert toAlert(LoginEvent event, Optional<String> remoteIp, boolean seenBefore) {
        String source = describeSource(event.remoteHost(), remoteIp);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("User", event.user().isEmpty() ? "(unknown)" : event.user());
        fields.put("Source", source);
        fields.put("Seen before", seenBefore ? "yes" : "no, first login from this source");
        fields.put("Service", event.service() + (event.tty().isEmpty() ? "" : " (" + event.tty() + ")"));
        fields.put("Time", event.time().toString());
        Severity severity = seenBefore ? Severity.INFO : Severity.WARNING;
        String title = "SSH login: " + (event.user().isEmpty() ? "(unknown)" : event.user()) + " from " + source;
        return new Alert(UUID.randomUUID().toString(), "ssh.login", severity, title, fields, serverName, event.time());
    }

    static String describeSource(String remoteHost, Optional<String> remoteIp) {
        if (remoteHost.isBlank()) {
            return "(no remote host: local or unknown)";
        }
        if (remoteHost.equalsIgnoreCase("UNKNOWN")) {
            return "UNKNOWN (sshd could not tell)";
        }
        if (remoteIp.isPresent() && !remoteIp.get().equals(remoteHost)) {
            return remoteHost + " (" + remoteIp.get() + ")";
        }
        return remoteHost;
    }
}
