package org.miniops.agent.audit;

import java.util.Optional;
import java.util.Set;
import org.miniops.api.CheckStatus;

/**
 * Decides which status changes of a check deserve an alert.
 *
 * <p>A check that turns to {@code FAIL} alerts once per failing episode: passing through
 * {@code UNKNOWN} or {@code ERROR} and back to {@code FAIL} does not alert again. The episode
 * ends with one "resolved" alert when the check is observed {@code PASS} or {@code WARN}. Changes
 * to {@code WARN}, {@code UNKNOWN} or {@code ERROR} alert only when {@code ALERT_ON} lists them.
 */
final class AlertPolicy {

    /** Kind of alert a change produces. */
    enum Decision { FAILING, RESOLVED, CHANGED }

    private final Set<CheckStatus> alertOn;

    AlertPolicy(Set<CheckStatus> alertOn) {
        this.alertOn = Set.copyOf(alertOn);
    }

    /**
     * Returns the alert for a check observed as {@code current}.
     *
     * @param previous the stored status, empty on the first observation
     * @param failingAlerted whether a FAIL alert of the current episode was sent already
     */
    Optional<Decision> decide(Optional<CheckStatus> previous, boolean failingAlerted, CheckStatus current) {
        if (current == CheckStatus.FAIL) {
            return failingAlerted ? Optional.empty() : Optional.of(Decision.FAILING);
        }
        if (failingAlerted && (current == CheckStatus.PASS || current == CheckStatus.WARN)) {
            return Optional.of(Decision.RESOLVED);
        }
        boolean changed = previous.isEmpty() || previous.get() != current;
        if (changed && alertOn.contains(current)) {
            return Optional.of(Decision.CHANGED);
        }
        return Optional.empty();
    }

    /** Returns whether the failing episode is still open after {@code decision} on {@code current}. */
    static boolean failingAfter(boolean failingAlerted, Optional<Decision> decision) {
        if (decision.isPresent() && decision.get() == Decision.FAILING) {
            return true;
        }
        if (decision.isPresent() && decision.get() == Decision.RESOLVED) {
            return false;
        }
        return failingAlerted;
    }
}
