package org.miniops.agent.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Closes connections that take too long to send a request's headers (the "slowloris" attack).
 *
 * <p>Helidon 4.5 closes idle connections but sets no limit while it reads a request's headers,
 * so a client that sends one header line a second would hold a connection for ever. This guard
 * starts a clock when a request line has arrived and stops it when the headers are complete. A
 * watchdog closes connections whose clock runs past the limit.
 *
 * <p>NOTE: Helidon's HTTP/1 listeners report no raw reads (checked on 4.5.0), so a request line
 * sent byte by byte is not timed here. Helidon's idle-connection timeout and
 * {@link AgentServer#MAX_CONNECTIONS} bound those connections instead.
 *
 * <p>Thread-safe: connection threads and the watchdog share one synchronized weak map, so the
 * state of a closed connection goes away with it.
 */
final class SlowRequestGuard implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SlowRequestGuard.class.getName());

    private final long headerTimeoutNanos;
    private final ScheduledExecutorService watchdog;

    // Guarded by itself.
    private final Map<ConnectionContext, Long> headersStarted = new WeakHashMap<>();

    // Touched by the watchdog thread only.
    private int closedSinceLastLog;

    SlowRequestGuard(Duration headerTimeout) {
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mini-ops-slow-request-guard");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleAtFixedRate(this::closeSlowConnections, 1, 1, TimeUnit.SECONDS);
    }

    /** Returns the listener to register for what HTTP/1 connections receive. */
    Http1ConnectionListener receiveListener() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext connection, HttpPrologue prologue) {
                long now = System.nanoTime();
                synchronized (headersStarted) {
                    headersStarted.put(connection, now);
                }
            }

            @Override
            public void headers(ConnectionContext connection, Headers headers) {
                synchronized (headersStarted) {
                    headersStarted.remove(connection);
                }
            }
        };
    }

    private void closeSlowConnections() {
        long now = System.nanoTime();
        List<ConnectionContext> slow = new ArrayList<>();
        synchronized (headersStarted) {
            headersStarted.forEach((connection, started) -> {
                if (now - started > headerTimeoutNanos) {
                    slow.add(connection);
                }
            });
            slow.forEach(headersStarted::remove);
        }

        for (ConnectionContext connection : slow) {
            try {
                connection.serverSocket().close();
                closedSinceLastLog++;
            } catch (RuntimeException e) {
                // The client or the server closed it already.
            }
        }
        // One line per burst rather than one per connection, so a flood cannot flood the log.
        if (closedSinceLastLog > 0 && slow.isEmpty()) {
            LOG.warning("Closed " + closedSinceLastLog + " connections that did not finish their request headers within "
                    + TimeUnit.NANOSECONDS.toSeconds(headerTimeoutNanos) + " s");
            closedSinceLastLog = 0;
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
