package org.miniops.plugins.telegram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Count of parts Telegram already accepted for each alert sent in several parts, so a retry after a
 * failed part resumes with that part instead of posting the earlier ones again.
 *
 * <p>NOTE: the count lives in memory only. After an agent restart a partly delivered alert is sent
 * again from part 1, which the outbox's at-least-once promise allows. Thread-safe.
 */
final class PartProgress {

    /** Alerts remembered at most; the oldest is forgotten first. Far more than an outbox retries at once. */
    private static final int MAX_ALERTS = 1_000;

    private record Progress(int parts, int accepted) {
    }

    private final Map<String, Progress> byAlert = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Progress> eldest) {
            return size() > MAX_ALERTS;
        }
    };

    /**
     * Returns the index of the first part still to send for {@code alertId}: 0 for a new alert, or
     * when the alert now splits into a different number of parts.
     */
    synchronized int firstPending(String alertId, int parts) {
        Progress progress = byAlert.get(alertId);
        return progress != null && progress.parts() == parts ? progress.accepted() : 0;
    }

    /** Records that Telegram accepted the first {@code accepted} of the alert's {@code parts} parts. */
    synchronized void accepted(String alertId, int parts, int accepted) {
        if (accepted >= parts) {
            byAlert.remove(alertId);
        } else {
            byAlert.put(alertId, new Progress(parts, accepted));
        }
    }
}
