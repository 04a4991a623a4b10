package org.miniops.plugins.ufw;

import java.util.Objects;

/**
 * Value read from the host together with where it came from, or the reason it could not be read.
 *
 * @param value the value, or {@code null} when it could not be read
 * @param source where the value came from, for example {@code ufw status verbose} or
 *     {@code ENABLED=yes (/etc/ufw/ufw.conf:6)}; empty when the value is missing
 * @param problem why the value is missing, written for an operator; empty when it is known
 */
record Observed<T>(T value, String source, String problem) {

    Observed {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(problem, "problem");
    }

    static <T> Observed<T> of(T value, String source) {
        return new Observed<>(Objects.requireNonNull(value, "value"), source, "");
    }

    static <T> Observed<T> missing(String problem) {
        return new Observed<>(null, "", problem);
    }

    boolean known() {
        return value != null;
    }
}
