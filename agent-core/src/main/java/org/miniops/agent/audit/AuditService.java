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

    private final java.util.function.Function<String, AuditReport> audit;
    private final Object lock = new Object();

    // Guarded by lock.
    private CompletableFuture<AuditReport> running;
    private AuditReport latest;

    /** @param audit runs one audit; called on the thread that triggers the run */
    public AuditService(Supplier<AuditReport> audit) {
        this.audit = trigger -> audit.get();
    }

    /** @param audit runs one audit for a trigger such as {@code scheduled} or {@code on-demand} */
    public AuditService(java.util.function.Function<String, AuditReport> audit) {
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

    /** Runs an audit on demand now, or joins the one already running, and returns its report. */
    public AuditReport runNow() {
        return runNow("on-demand");
    }

    /** Runs an audit now for {@code trigger}, or joins the one already running, and returns its report. */
    public AuditReport runNow(String trigger) {
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
            execute(run, trigger);
        }
        return run.join();
    }

    private void execute(CompletableFuture<AuditReport> run, String trigger) {
        try {
            AuditReport report = audit.apply(trigger);
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
