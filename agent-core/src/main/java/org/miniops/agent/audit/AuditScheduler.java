package org.miniops.agent.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the audit in the background every {@code AUDIT_INTERVAL}, the first time right after start.
 *
 * <p>Runs never overlap: the next one is scheduled a full interval after the previous one ended,
 * and {@link AuditService} joins an on-demand run that is already in progress.
 */
public final class AuditScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditScheduler.class.getName());

    private final AuditService audits;
    private final Duration interval;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mini-ops-audit-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    public AuditScheduler(AuditService audits, Duration interval) {
        this.audits = audits;
        this.interval = interval;
    }

    /** Schedules the runs. */
    public AuditScheduler start() {
        executor.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Continuous audit every " + org.miniops.agent.config.Durations.format(interval));
        return this;
    }

    private void runOnce() {
        try {
            audits.runNow("scheduled");
        } catch (RuntimeException e) {
            // Keep the schedule alive: a failed run (say, a full disk) must not stop later runs.
            LOG.log(Level.SEVERE, "Scheduled audit failed; the next one runs in " + interval.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
