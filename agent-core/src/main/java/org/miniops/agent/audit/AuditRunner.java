package org.miniops.agent.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.miniops.agent.plugins.RegisteredCheck;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.Host;

/**
 * Runs every registered check once against a host and collects a report.
 *
 * <p>Each check runs on its own virtual thread, all at once, so a slow check delays the report by
 * at most its own time limit. A check that throws, returns nothing or runs past its limit becomes
 * {@code ERROR} with the reason; it never stops the others. Thread-safe: it keeps no state between runs.
 */
public final class AuditRunner {

    private static final Logger LOG = Logger.getLogger(AuditRunner.class.getName());

    /** Limit for a check whose own timeout() is missing or absurd. */
    private static final Duration FALLBACK_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    private final List<RegisteredCheck> checks;
    private final Host host;

    public AuditRunner(List<RegisteredCheck> checks, Host host) {
        this.checks = List.copyOf(checks);
        this.host = host;
    }

    /** Runs every check and returns the report; never throws for a failing check. */
    public AuditReport run() {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();

        List<CheckOutcome> outcomes = new ArrayList<>();
        // Not try-with-resources: ExecutorService.close() waits for every task, including a
        // check that ignores the interrupt, which would hold the audit past its time limits.
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Timed>> futures = new ArrayList<>();
            for (RegisteredCheck registered : checks) {
                futures.add(executor.submit(() -> {
                    long checkStarted = System.nanoTime();
                    CheckResult result = registered.check().check(new CheckContext(host, registered.settings()));
                    return new Timed(result, (System.nanoTime() - checkStarted) / 1_000_000);
                }));
            }
            for (int i = 0; i < checks.size(); i++) {
                outcomes.add(await(checks.get(i), futures.get(i), started));
            }
        } finally {
            executor.shutdownNow();
        }

        long millis = (System.nanoTime() - started) / 1_000_000;
        AuditReport report = new AuditReport(startedAt, millis, host.root().toString(), outcomes);
        LOG.info("Audit finished in " + millis + " ms: " + summarize(report));
        return report;
    }

    static String summarize(AuditReport report) {
        StringBuilder text = new StringBuilder();
        report.counts().forEach((status, count) -> {
            if (count > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(count).append(' ').append(status.name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        return text.isEmpty() ? "no checks installed" : text.toString();
    }

    private static CheckOutcome await(RegisteredCheck registered, Future<Timed> future, long runStarted) {
        AuditCheck check = registered.check();
        String id = safe(check::id, registered.pluginId() + ".unnamed");
        Duration timeout = timeoutOf(check);
        CheckResult result;
        long millis = -1;
        try {
            long remaining = timeout.toNanos() - (System.nanoTime() - runStarted);
            Timed timed = future.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
            result = timed.result();
            millis = timed.millis();
            if (result == null) {
                result = CheckResult.error("check returned no result; it must return a CheckResult with a status");
            }
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warning("Check '" + id + "' timed out after " + timeout.toMillis() + " ms");
            result = CheckResult.error("check did not finish within " + timeout.toSeconds() + " s and was stopped");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.log(Level.WARNING, "Check '" + id + "' from plugin '" + registered.pluginId() + "' threw", cause);
            result = CheckResult.error("check failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            result = CheckResult.error("audit was interrupted before the check finished");
        }
        if (millis < 0) {
            millis = (System.nanoTime() - runStarted) / 1_000_000;
        }
        return new CheckOutcome(id, safe(check::title, id), safe(check::group, registered.pluginId()),
                registered.pluginId(), result, millis);
    }

    private record Timed(CheckResult result, long millis) {
    }

    private static Duration timeoutOf(AuditCheck check) {
        try {
            Duration timeout = check.timeout();
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                return FALLBACK_TIMEOUT;
            }
            return timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
        } catch (RuntimeException e) {
            return FALLBACK_TIMEOUT;
        }
    }

    /** Calls a plugin's accessor; a plugin that throws from id() or title() still gets a row in the report. */
    private static String safe(java.util.function.Supplier<String> accessor, String fallback) {
        try {
            String value = accessor.get();
            return value == null || value.isBlank() ? fallback : value;
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
