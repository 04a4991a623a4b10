package org.miniops.agent.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.miniops.agent.plugins.RegisteredNotifier;
import org.miniops.api.Alert;
import org.miniops.api.DeliveryException;
import org.miniops.api.Notifier;
import org.miniops.api.PluginSettings;

/**
 * Fake notifier that records every delivery attempt with its start and end time, and accepts or
 * fails each one as its {@link Behaviour} decides. Thread-safe, because the delivery worker calls
 * it while a test reads it.
 */
final class RecordingNotifier implements Notifier {

    /** Outcome of one attempt: return to accept, throw to fail. {@code attempt} counts every call of this notifier from 1. */
    @FunctionalInterface
    interface Behaviour {
        void deliver(Alert alert, int attempt) throws DeliveryException;
    }

    /**
     * One call of {@link #deliver}.
     *
     * @param alert the alert offered
     * @param startedAt when the call began
     * @param endedAt when it returned or threw
     * @param accepted whether it returned normally
     */
    record Attempt(Alert alert, Instant startedAt, Instant endedAt, boolean accepted) {

        String title() {
            return alert.title();
        }
    }

    private final String id;
    private final boolean configured;
    private volatile Behaviour behaviour;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    private RecordingNotifier(String id, boolean configured, Behaviour behaviour) {
        this.id = id;
        this.configured = configured;
        this.behaviour = behaviour;
    }

    /** Creates a configured notifier that accepts every alert. */
    static RecordingNotifier accepting(String id) {
        return new RecordingNotifier(id, true, (alert, attempt) -> { });
    }

    /** Creates a configured notifier whose attempts run {@code behaviour}. */
    static RecordingNotifier behaving(String id, Behaviour behaviour) {
        return new RecordingNotifier(id, true, behaviour);
    }

    /** Creates a configured notifier whose first {@code failures} attempts fail as retryable. */
    static RecordingNotifier failingFirst(String id, int failures) {
        return behaving(id, (alert, attempt) -> {
            if (attempt <= failures) {
                throw DeliveryException.retryable("connection refused (attempt " + attempt + ")", null);
            }
        });
    }

    /** Creates a configured notifier whose every attempt fails as retryable. */
    static RecordingNotifier alwaysFailing(String id) {
        return failingFirst(id, Integer.MAX_VALUE);
    }

    /** Creates a notifier whose settings are missing, so it must get no deliveries. */
    static RecordingNotifier notConfigured(String id) {
        return new RecordingNotifier(id, false, (alert, attempt) -> {
            throw new AssertionError("an unconfigured notifier was asked to deliver " + alert.title());
        });
    }

    /** Returns this notifier as the plugin registry hands it over, with empty settings. */
    RegisteredNotifier registered() {
        return new RegisteredNotifier(id + "-plugin", this, PluginSettings.empty());
    }

    /** Replaces the behaviour of later attempts, as when the operator fixes the service side. */
    void behave(Behaviour next) {
        behaviour = next;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isConfigured(PluginSettings settings) {
        return configured;
    }

    @Override
    public void deliver(Alert alert, PluginSettings settings) throws DeliveryException {
        int attempt = calls.incrementAndGet();
        Instant started = Instant.now();
        try {
            behaviour.deliver(alert, attempt);
        } catch (DeliveryException | RuntimeException | Error e) {
            attempts.add(new Attempt(alert, started, Instant.now(), false));
            throw e;
        }
        attempts.add(new Attempt(alert, started, Instant.now(), true));
    }

    /** Returns every attempt so far, oldest first. */
    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Returns the titles of the accepted alerts, in the order they were accepted. */
    List<String> acceptedTitles() {
        return attempts.stream().filter(Attempt::accepted).map(Attempt::title).toList();
    }

    /** Waits until {@code count} alerts were accepted, at most {@code timeout}; returns the accepted titles. */
    List<String> awaitAccepted(int count, Duration timeout) {
        Eventually.until(() -> acceptedTitles().size() >= count, timeout);
        return acceptedTitles();
    }

    /** Waits until {@code count} attempts were made, at most {@code timeout}. */
    void awaitAttempts(int count, Duration timeout) {
        Eventually.until(() -> attempts.size() >= count, timeout);
    }
}
