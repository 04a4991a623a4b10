package org.miniops.agent.logins;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Provides the hook signature, loading the key file again while it is missing, so that running
 * scripts/setup_ssh_alerts.sh after the agent started turns login alerts on without a restart.
 * Thread-safe.
 */
public final class HookKeySource {

    private static final Logger LOG = Logger.getLogger(HookKeySource.class.getName());

    /** Minimum time between two attempts to read a missing key, so a flood of hook requests reads the file rarely. */
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final Path file;
    private final long retryNanos;
    private final Object lock = new Object();

    // Guarded by lock.
    private Optional<HookSignature> signature = Optional.empty();
    private long lastAttempt;
    private boolean attempted;

    public HookKeySource(Path file) {
        this(file, RETRY);
    }

    HookKeySource(Path file, Duration retry) {
        this.file = file;
        this.retryNanos = retry.toNanos();
    }

    /** Loads the key at start-up and logs whether SSH login alerts are on. */
    public HookKeySource load() {
        synchronized (lock) {
            attempt();
            signature.ifPresent(loaded -> LOG.info("SSH login alerts are on: hook key read from " + file));
        }
        return this;
    }

    /** Returns the signature, reading the key file again if it was missing and the last try is old enough. */
    public Optional<HookSignature> current() {
        synchronized (lock) {
            if (signature.isEmpty() && (!attempted || System.nanoTime() - lastAttempt >= retryNanos)) {
                attempt();
                signature.ifPresent(loaded -> LOG.info("SSH login alerts are on now: hook key read from " + file));
            }
            return signature;
        }
    }

    private void attempt() {
        attempted = true;
        lastAttempt = System.nanoTime();
        signature = HookKey.load(file).map(HookSignature::new);
    }
}
