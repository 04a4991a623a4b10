package org.miniops.api;

import org.pf4j.ExtensionPoint;

/**
 * Channel that delivers {@link Alert alerts} to the operator, contributed by a plugin as a PF4J
 * extension (Telegram, e-mail, a webhook).
 *
 * <p>The agent writes every alert to a durable outbox first, then calls {@link #deliver} from its
 * delivery thread, one alert at a time per notifier. An alert counts as delivered only when
 * {@code deliver} returns normally.
 *
 * <h2>Failure contract</h2>
 * <ul>
 *   <li>A temporary failure (network error, server error, rate limit) throws
 *       {@link DeliveryException#retryable}; the agent retries with back-off, waiting at least
 *       {@link DeliveryException#retryAfter()} when the service named a delay.</li>
 *   <li>A configuration the service rejects (bad token, unknown chat) throws
 *       {@link DeliveryException#misconfigured}; the agent stops retrying this notifier and shows
 *       the message to the operator.</li>
 *   <li>Any other exception counts as a temporary failure.</li>
 *   <li>Messages and logs must never contain a secret, including URLs that embed one.</li>
 * </ul>
 *
 * <p>Implementations need a public no-argument constructor and format and escape their own
 * messages.
 */
public interface Notifier extends ExtensionPoint {

    /** Stable id, for example {@code telegram}. */
    String id();

    /** Returns whether {@code settings} hold what this notifier needs; the outbox skips it otherwise. */
    boolean isConfigured(PluginSettings settings);

    /**
     * Delivers one alert.
     *
     * @throws DeliveryException when the alert was not accepted
     */
    void deliver(Alert alert, PluginSettings settings) throws DeliveryException;
}
