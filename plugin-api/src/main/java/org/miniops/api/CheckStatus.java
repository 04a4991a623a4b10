package org.miniops.api;

/**
 * Verdict of one audit check.
 *
 * <p>Only {@link #PASS} means the setting was observed and is safe. A check that could not
 * observe the setting must say so with {@link #UNKNOWN}, never report {@code PASS}.
 */
public enum CheckStatus {
    /** The setting was observed and is safe. */
    PASS,
    /** The setting was observed and is weaker than recommended, or safe only in part. */
    WARN,
    /** The setting was observed and is unsafe. */
    FAIL,
    /** The setting could not be observed: permission denied, unreadable file, a tool that failed. */
    UNKNOWN,
    /** The component the check audits is not installed. */
    SKIPPED,
    /** The check itself failed: it threw, or ran past its time limit. */
    ERROR
}
