package org.miniops.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Message for the operator that notifiers deliver: an audit change, an SSH login or a test.
 *
 * <p>Field values are plain text as observed (user names, paths, addresses); each notifier
 * escapes them for its own format. Instances are immutable.
 *
 * @param id the outbox id, stable across retries, so a notifier can deduplicate
 * @param kind what happened, for example {@code audit.changed}, {@code ssh.login}, {@code test}
 * @param severity how urgent it is
 * @param title one line, plain text
 * @param fields named details in display order
 * @param hostName the server the alert is about, as the operator named it
 * @param time when it happened
 */
public record Alert(String id, String kind, Severity severity, String title, Map<String, String> fields,
                    String hostName, Instant time) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(time, "time");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
