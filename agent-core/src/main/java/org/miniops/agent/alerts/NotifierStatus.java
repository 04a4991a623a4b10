package org.miniops.agent.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * What the agent knows about one notifier's health: configured or not, rejected settings, the
 * last failure and the last success. Thread-safe; updated by the notifier's delivery worker.
 */
public final class NotifierStatus {

    private final String notifierId;
    private final String pluginId;
    private final boolean configured;

    private volatile String misconfiguration;
    private volatile String lastError;
    private volatile Instant lastDeliveredAt;

    NotifierStatus(String notifierId, String pluginId, boolean configured) {
        this.notifierId = notifierId;
        this.pluginId = pluginId;
        this.configured = configured;
    }

    public String notifierId() {
        return notifierId;
    }

    public String pluginId() {
        return pluginId;
    }

    /** Returns whether the notifier's settings are present; an unconfigured notifier gets no deliveries. */
    public boolean configured() {
        return configured;
    }

    /** Returns the service's reason for rejecting the settings, while delivery is paused for it. */
    public Optional<String> misconfiguration() {
        return Optional.ofNullable(misconfiguration);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<Instant> lastDeliveredAt() {
        return Optional.ofNullable(lastDeliveredAt);
    }

    /** Returns {@code not_configured}, {@code misconfigured}, {@code failing} or {@code ok}. */
    public String state() {
        if (!configured) {
            return "not_configured";
        }
        if (misconfiguration != null) {
            return "misconfigured";
        }
        return lastError != null ? "failing" : "ok";
    }

    void delivered(Instant at) {
        lastDeliveredAt = at;
        lastError = null;
        misconfiguration = null;
    }

    void failed(String error) {
        lastError = error;
    }

    void misconfigured(String reason) {
        misconfiguration = reason;
        lastError = reason;
    }

    void clearMisconfiguration() {
        misconfiguration = null;
    }
}
