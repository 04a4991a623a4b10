package org.miniops.agent.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.miniops.agent.config.Durations;

/**
 * Runs the audit in the background every {@code AUDIT_INTERVAL}, the first time right after start.
 *
 * <p>Runs never overlap: the next one is scheduled a full interval after the previous one ended,
 * and {@link AuditService} joins an on-demand run that is already in progress.
 */
public final class AuditScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditScheduler.class.getName());

    /** Maximum time {@link #close} waits for a run in progress. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

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
        LOG.info("Continuous audit every " + Durations.format(interval));
        return this;
    }

    private void runOnce() {
        try {
            audits.runNow("scheduled");
        } catch (RuntimeException | Error e) {
            // A failed run, such as a full disk or a NoClassDefFoundError from a plugin jar replaced
            // on disk, must not stop later runs. An exception that escapes here makes the executor
            // cancel the schedule silently.
            LOG.log(Level.SEVERE, "Scheduled audit failed; the next one runs in " + Durations.format(interval), e);
        }
    }

    /**
     * Cancels later runs and lets a run in progress finish for up to 10 s, then interrupts it. An
     * interrupted run would record every check still running as ERROR.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("Audit in progress did not finish within " + Durations.format(CLOSE_WAIT) + "; interrupting it");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
