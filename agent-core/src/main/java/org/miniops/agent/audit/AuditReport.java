package org.miniops.agent.audit;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.miniops.api.CheckStatus;

/**
 * Outcome of one audit run over every installed check.
 *
 * @param startedAt when the run began
 * @param durationMillis how long the whole run took
 * @param hostRoot directory that stood for {@code /}
 * @param checks one outcome per check, sorted by check id
 */
public record AuditReport(Instant startedAt, long durationMillis, String hostRoot, List<CheckOutcome> checks) {

    public AuditReport {
        checks = List.copyOf(checks);
    }

    /** Returns how many checks ended in each status; every status is present, zero included. */
    public Map<CheckStatus, Integer> counts() {
        Map<CheckStatus, Integer> counts = new EnumMap<>(CheckStatus.class);
        for (CheckStatus status : CheckStatus.values()) {
            counts.put(status, 0);
        }
        for (CheckOutcome outcome : checks) {
            counts.merge(outcome.result().status(), 1, Integer::sum);
        }
        return counts;
    }

    /** Returns whether any check ended in {@code FAIL}. */
    public boolean hasFailures() {
        return counts().get(CheckStatus.FAIL) > 0;
    }
}
