package org.miniops.agent.logins;

import java.net.InetAddress;
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
import org.miniops.agent.net.IpNetwork;
import org.miniops.agent.store.Database;

/**
 * Networks whose SSH logins are stored but not alerted, kept in the state database. Thread-safe.
 */
public final class TrustedNetworks {

    /** Maximum note length accepted, so the table stays small and the dashboard readable. */
    static final int MAX_NOTE_LENGTH = 200;

    /** Most networks accepted; far more than an operator types by hand. */
    static final int MAX_NETWORKS = 1000;

    private final Database database;

    public TrustedNetworks(Database database) {
        this.database = database;
    }

    /**
     * Entry of the list.
     *
     * @param id row id, for {@code DELETE /api/trusted-networks/{id}}
     * @param network canonical address or CIDR range
     * @param note what the operator wrote about it
     * @param createdAt when it was added
     */
    public record Entry(long id, String network, String note, Instant createdAt) {
    }

    public List<Entry> list() {
        return database.transaction(connection -> {
            List<Entry> entries = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT id, network, note, created_at FROM trusted_networks ORDER BY id")) {
                while (row.next()) {
                    entries.add(new Entry(row.getLong(1), row.getString(2), row.getString(3), Instant.ofEpochMilli(row.getLong(4))));
                }
            }
            return entries;
        });
    }

    /**
     * Adds a network.
     *
     * @throws IllegalArgumentException naming what is wrong with the network or note, or that it exists already
     */
    public Entry add(String network, String note, Instant now) {
        IpNetwork parsed = IpNetwork.parse(network == null ? "" : network);
        String cleanNote = note == null ? "" : note.strip();
        if (cleanNote.length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException("note is " + cleanNote.length() + " characters; keep it to " + MAX_NOTE_LENGTH);
        }
        if (cleanNote.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("note contains control characters; write it on one line");
        }
        return database.transaction(connection -> {
            try (Statement count = connection.createStatement();
                 ResultSet row = count.executeQuery("SELECT COUNT(*) FROM trusted_networks")) {
                row.next();
                if (row.getInt(1) >= MAX_NETWORKS) {
                    throw new IllegalArgumentException("there are already " + MAX_NETWORKS + " trusted networks; remove some or combine them into wider ranges");
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO trusted_networks(network, note, created_at) VALUES (?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, parsed.toString());
                insert.setString(2, cleanNote);
                insert.setLong(3, now.toEpochMilli());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return new Entry(keys.getLong(1), parsed.toString(), cleanNote, now);
                }
            } catch (SQLException e) {
                if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                    throw new IllegalArgumentException(parsed + " is already a trusted network");
                }
                throw e;
            }
        });
    }

    /** Removes the network with {@code id}; returns whether it existed. */
    public boolean remove(long id) {
        return database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM trusted_networks WHERE id = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** Returns the first trusted network that contains {@code address}. */
    public Optional<String> match(InetAddress address) {
        for (Entry entry : list()) {
            if (IpNetwork.parse(entry.network()).contains(address)) {
                return Optional.of(entry.network());
            }
        }
        return Optional.empty();
    }

    static Map<String, Object> toJson(Entry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id());
        json.put("network", entry.network());
        json.put("note", entry.note());
        json.put("createdAt", entry.createdAt().toString());
        return json;
    }
}
