package org.miniops.agent.audit;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps the latest audit report and makes sure only one audit runs at a time.
 *
 * <p>A caller that asks for a run while one is in progress waits for that run and gets its
 * report, instead of starting a second one. Thread-safe.
 */
public final class AuditService {

    private final Supplier<AuditReport> audit;
    private final Object lock = new Object();

    // Guarded by lock.
    private CompletableFuture<AuditReport> running;
    private AuditReport latest;

    /** @param audit runs one audit; called on the thread that triggers the run */
    public AuditService(Supplier<AuditReport> audit) {
        this.audit = audit;
    }

    /** Returns the latest report, if an audit has finished. */
    public Optional<AuditReport> latest() {
        synchronized (lock) {
            return Optional.ofNullable(latest);
        }
    }

    /** Returns the latest report, running an audit first if none has finished yet. */
    public AuditReport latestOrRun() {
        return latest().orElseGet(this::runNow);
    }

    /** Runs an audit now, or joins the one already running, and returns its report. */
    public AuditReport runNow() {
        CompletableFuture<AuditReport> run;
        boolean owner = false;
        synchronized (lock) {
            if (running == null) {
                running = new CompletableFuture<>();
                owner = true;
            }
            run = running;
        }
        if (owner) {
            execute(run);
        }
        return run.join();
    }

    private void execute(CompletableFuture<AuditReport> run) {
        try {
            AuditReport report = audit.get();
            synchronized (lock) {
                latest = report;
                running = null;
            }
            run.complete(report);
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                running = null;
            }
            run.completeExceptionally(e);
            throw e;
        }
    }
}
