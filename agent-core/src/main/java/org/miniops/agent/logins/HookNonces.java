package org.miniops.agent.logins;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import org.miniops.agent.store.Database;

/**
 * Nonces of accepted hook requests, kept in the state database so that a replay is rejected even
 * across an agent restart. A nonce only needs to outlive the two 30-second steps in which its
 * signature is valid; older ones are pruned on each use.
 */
final class HookNonces {

    /** Two steps plus a margin for clocks that disagree slightly. */
    private static final Duration KEEP = Duration.ofMinutes(3);

    private final Database database;

    HookNonces(Database database) {
        this.database = database;
    }

    /** Records {@code nonce}; returns false when it was used before (a replay). */
    boolean firstUse(String nonce, Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement prune = connection.prepareStatement("DELETE FROM hook_nonces WHERE used_at < ?")) {
                prune.setLong(1, now.minus(KEEP).toEpochMilli());
                prune.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR IGNORE INTO hook_nonces(nonce, used_at) VALUES (?, ?)")) {
                insert.setString(1, nonce);
                insert.setLong(2, now.toEpochMilli());
                return insert.executeUpdate() == 1;
            }
        });
    }
}
