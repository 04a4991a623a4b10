package org.miniops.api;

/** How urgently an operator should look at an {@link Alert}. */
public enum Severity {
    /** For the record: a recovery, a test message, a login from a known place. */
    INFO,
    /** Worth a look soon: a weaker setting, a login from a new place. */
    WARNING,
    /** Act now: a check turned to {@code FAIL}. */
    CRITICAL
}
