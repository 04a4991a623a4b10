package org.miniops.agent.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.miniops.agent.alerts.OutboxStore.PendingDelivery;
import org.miniops.agent.config.Durations;
import org.miniops.agent.plugins.RegisteredNotifier;
import org.miniops.api.Alert;
import org.miniops.api.DeliveryException;
import org.miniops.api.Notifier;
import org.miniops.api.Severity;

/**
 * Delivers the outbox through every configured notifier, each on its own worker thread.
 *
 * <p>A worker sends its notifier's pending alerts oldest first and marks each delivered only after
 * the notifier accepted it, so an outage or a crash loses nothing. A failed alert is retried with
 * back-off, at least as long as the service requested. It blocks later alerts of the same notifier
 * to keep their order, while other notifiers go on. Alerts older than the maximum age are dropped with
 * a log line. Settings the service rejects pause the notifier until a test alert or a restart.
 */
public final class DeliveryService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());

    /** Maximum time a worker sleeps without looking at the outbox, in case a wake-up was missed. */
    private static final Duration POLL = Duration.ofSeconds(5);

    /** Maximum time {@link #close} lets attempts in flight finish before it interrupts them. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final OutboxStore outbox;
    private final Backoff backoff;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private final Map<String, NotifierStatus> statuses = new LinkedHashMap<>();

    public DeliveryService(OutboxStore outbox, List<RegisteredNotifier> notifiers, Backoff backoff, Duration maxAge, Clock clock) {
        this.outbox = outbox;
        this.backoff = backoff;
        this.maxAge = maxAge;
        this.clock = clock;
        for (RegisteredNotifier registered : notifiers) {
            String id = safeId(registered);
            boolean configured = isConfigured(registered, id);
            NotifierStatus status = new NotifierStatus(id, registered.pluginId(), configured);
            statuses.put(id, status);
            if (configured) {
                workers.put(id, new Worker(registered, status));
            }
        }
    }

    /** Starts one worker per configured notifier; pending alerts from before a restart go out first. */
    public DeliveryService start() {
        workers.values().forEach(Worker::start);
        LOG.info("Alert delivery started for " + workers.size() + " of " + statuses.size() + " notifiers"
                + (workers.isEmpty() ? "; configure one (TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID) to receive alerts" : ""));
        return this;
    }

    /** Returns the ids of notifiers that get deliveries. */
    public List<String> configuredNotifierIds() {
        return List.copyOf(workers.keySet());
    }

    /** Returns every notifier's status, configured or not. */
    public List<NotifierStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    /** Writes {@code alert} to the outbox for every configured notifier and wakes their workers. */
    public void enqueue(Alert alert) {
        outbox.enqueue(alert, configuredNotifierIds());
        wakeAll();
    }

    /** Wakes every worker, after alerts were written to the outbox within another transaction. */
    public void wakeAll() {
        workers.values().forEach(Worker::wake);
    }

    /**
     * Queues a test alert, clears paused notifiers so they try again, and waits up to
     * {@code wait} for every notifier to accept or fail it once.
     *
     * @return one result per notifier, configured or not
     */
    public List<Map<String, Object>> sendTest(String hostName, Duration wait) {
        statuses.values().forEach(NotifierStatus::clearMisconfiguration);
        Alert alert = new Alert(UUID.randomUUID().toString(), "test", Severity.INFO, "Test alert from Mini-Ops",
                Map.of("Message", "If you can read this, alerts from " + hostName + " reach you."), hostName, clock.instant());
        enqueue(alert);

        long deadline = System.nanoTime() + wait.toNanos();
        List<Map<String, Object>> results = new ArrayList<>();
        for (NotifierStatus status : statuses.values()) {
            results.add(awaitFirstAttempt(alert.id(), status, deadline));
        }
        return results;
    }

    /**
     * Stops the workers and waits up to 5 s for attempts in flight. An alert the notifier accepted
     * is then marked delivered before the database closes, so a restart does not send it again. A
     * worker still busy after 5 s is interrupted.
     */
    @Override
    public void close() {
        workers.values().forEach(Worker::stop);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Worker worker : workers.values()) {
            worker.join(deadline);
        }
    }

    private Map<String, Object> awaitFirstAttempt(String alertId, NotifierStatus status, long deadline) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("notifier", status.notifierId());
        result.put("plugin", status.pluginId());
        if (!status.configured()) {
            result.put("result", "not_configured");
            result.put("message", "not configured, so it gets no alerts");
            return result;
        }
        Optional<OutboxStore.DeliveryState> state = outbox.state(alertId, status.notifierId());
        // Stop waiting once the notifier is paused again, because an older alert was rejected
        // first. It will not try this alert before the next test alert or a restart.
        while (System.nanoTime() < deadline && state.isPresent()
                && state.get().state().equals(OutboxStore.PENDING) && state.get().attempts() == 0
                && status.misconfiguration().isEmpty()) {
            sleep(Duration.ofMillis(100));
            state = outbox.state(alertId, status.notifierId());
        }
        String outcome = state.map(OutboxStore.DeliveryState::state).orElse("missing");
        if (outcome.equals(OutboxStore.DELIVERED)) {
            result.put("result", "delivered");
        } else if (status.misconfiguration().isPresent()) {
            result.put("result", "misconfigured");
            result.put("message", status.misconfiguration().get());
        } else if (state.isPresent() && state.get().attempts() > 0) {
            result.put("result", "failed");
            result.put("message", state.get().lastError() + "; the alert stays queued and is retried");
        } else {
            result.put("result", "pending");
            result.put("message", "not sent yet; an earlier alert may still be waiting for a retry");
        }
        return result;
    }

    private boolean isConfigured(RegisteredNotifier registered, String id) {
        try {
            return registered.notifier().isConfigured(registered.settings());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notifier '" + id + "' failed to say whether it is configured; treating it as not configured", e);
            return false;
        }
    }

    private static String safeId(RegisteredNotifier registered) {
        try {
            String id = registered.notifier().id();
            return id == null || id.isBlank() ? registered.pluginId() : id;
        } catch (RuntimeException e) {
            return registered.pluginId();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Delivery loop of one notifier. */
    private final class Worker {
        private final RegisteredNotifier registered;
        private final NotifierStatus status;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private volatile boolean running = true;
        private boolean woken;
        private volatile Thread thread;

        Worker(RegisteredNotifier registered, NotifierStatus status) {
            this.registered = registered;
            this.status = status;
        }

        void start() {
            thread = Thread.ofVirtual().name("mini-ops-delivery-" + status.notifierId()).start(this::loop);
        }

        /** Ends the loop after the attempt in flight, if any. {@link #join} waits for that. */
        void stop() {
            running = false;
            wake();
        }

        /** Waits until the loop ended or {@code deadline} (a System.nanoTime() value) passed, then interrupts it. */
        void join(long deadline) {
            if (thread == null) {
                return;
            }
            try {
                Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
                if (!thread.join(left)) {
                    LOG.warning("Delivery through '" + status.notifierId() + "' did not stop within "
                            + CLOSE_WAIT.toSeconds() + " s; interrupting it, so the alert in flight may be sent again after a restart");
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                thread.interrupt();
                Thread.currentThread().interrupt();
            }
        }

        void wake() {
            lock.lock();
            try {
                woken = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void loop() {
            while (running) {
                try {
                    Duration wait = step();
                    if (!wait.isZero()) {
                        await(wait);
                    }
                } catch (RuntimeException e) {
                    // A database error must not end delivery for good; try again after a pause.
                    LOG.log(Level.SEVERE, "Delivery through '" + status.notifierId() + "' failed; retrying in " + POLL.toSeconds() + " s", e);
                    await(POLL);
                }
            }
        }

        /** Handles the oldest pending alert, if due; returns how long to wait before the next step. */
        private Duration step() {
            if (status.misconfiguration().isPresent()) {
                return POLL;
            }
            Optional<PendingDelivery> next = outbox.oldestPending(status.notifierId());
            if (next.isEmpty()) {
                return POLL;
            }
            PendingDelivery delivery = next.get();
            Instant now = clock.instant();
            if (Duration.between(delivery.alert().time(), now).compareTo(maxAge) > 0) {
                String age = Durations.format(maxAge);
                outbox.markExpired(delivery.alert().id(), status.notifierId(), now, "dropped after " + age + " without delivery");
                LOG.warning("Alert " + delivery.alert().id() + " (" + delivery.alert().title() + ") was not delivered through '"
                        + status.notifierId() + "' within ALERT_MAX_AGE (" + age + ") and is dropped");
                return Duration.ZERO;
            }
            if (delivery.nextAttemptAt().isAfter(now)) {
                return Duration.between(now, delivery.nextAttemptAt());
            }
            attempt(delivery);
            return Duration.ZERO;
        }

        private void attempt(PendingDelivery delivery) {
            Notifier notifier = registered.notifier();
            try {
                notifier.deliver(delivery.alert(), registered.settings());
                Instant done = clock.instant();
                outbox.markDelivered(delivery.alert().id(), status.notifierId(), done);
                status.delivered(done);
                if (delivery.attempts() > 0) {
                    LOG.info("Alert " + delivery.alert().id() + " delivered through '" + status.notifierId() + "' after "
                            + delivery.attempts() + " failed attempts");
                }
            } catch (DeliveryException e) {
                // Back-off counts from the failure, not the start of the attempt: retry_after is
                // measured by the service from its response.
                handleFailure(delivery, clock.instant(), e.getMessage(), e.isMisconfigured(), e.retryAfter().orElse(Duration.ZERO));
            } catch (RuntimeException | LinkageError e) {
                // A LinkageError comes from a broken plugin jar, such as one that lacks a library it
                // needs. Uncaught, it would end this worker until the agent restarts.
                handleFailure(delivery, clock.instant(), e.getClass().getSimpleName() + ": " + e.getMessage(), false, Duration.ZERO);
            }
        }

        private void handleFailure(PendingDelivery delivery, Instant now, String message, boolean misconfigured, Duration retryAfter) {
            int failures = delivery.attempts() + 1;
            if (misconfigured) {
                status.misconfigured(message);
                outbox.recordFailure(delivery.alert().id(), status.notifierId(), message, now);
                LOG.warning("Notifier '" + status.notifierId() + "' rejected its settings: " + message
                        + "; fix them and restart the agent, or send a test alert (POST /api/alerts/test). Pending alerts are kept");
                return;
            }
            Duration delay = backoff.delayAfter(failures);
            if (retryAfter.compareTo(delay) > 0) {
                delay = retryAfter;
            }
            status.failed(message);
            outbox.recordFailure(delivery.alert().id(), status.notifierId(), message, now.plus(delay));
            // Log the first failure and then every tenth, so an outage does not flood the log.
            if (failures == 1 || failures % 10 == 0) {
                LOG.warning("Delivery of alert " + delivery.alert().id() + " through '" + status.notifierId() + "' failed ("
                        + failures + " attempts): " + message + "; next attempt in " + Durations.format(delay));
            }
        }

        private void await(Duration duration) {
            Duration bounded = duration.compareTo(POLL) > 0 ? POLL : duration;
            lock.lock();
            try {
                if (!woken) {
                    changed.awaitNanos(bounded.toNanos());
                }
                woken = false;
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }
    }
}
