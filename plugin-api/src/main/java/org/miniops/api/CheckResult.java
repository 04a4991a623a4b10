package org.miniops.api;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of one audit check: a status, a one-line summary, the evidence behind it and what to
 * do about it.
 *
 * <p>Evidence lines name the observed value and where it came from, for example
 * {@code PermitRootLogin yes (/etc/ssh/sshd_config.d/50-cloud-init.conf:3)}. For
 * {@link CheckStatus#UNKNOWN}, {@link CheckStatus#SKIPPED} and {@link CheckStatus#ERROR} the
 * summary carries the reason. Instances are immutable.
 *
 * @param status verdict
 * @param summary one line for humans, never empty
 * @param evidence observed values with their source, possibly empty
 * @param remediation what to change and where, empty when there is nothing to do
 */
public record CheckResult(CheckStatus status, String summary, List<String> evidence, String remediation) {

    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        if (summary.isBlank()) {
            throw new IllegalArgumentException("summary is empty; a check result needs a one-line summary");
        }
        evidence = List.copyOf(evidence);
        remediation = remediation == null ? "" : remediation;
    }

    public static CheckResult pass(String summary) {
        return new CheckResult(CheckStatus.PASS, summary, List.of(), "");
    }

    public static CheckResult warn(String summary) {
        return new CheckResult(CheckStatus.WARN, summary, List.of(), "");
    }

    public static CheckResult fail(String summary) {
        return new CheckResult(CheckStatus.FAIL, summary, List.of(), "");
    }

    /** Creates a result for a setting that could not be observed; {@code reason} says why. */
    public static CheckResult unknown(String reason) {
        return new CheckResult(CheckStatus.UNKNOWN, reason, List.of(), "");
    }

    /** Creates a result for a component that is not installed. */
    public static CheckResult skipped(String reason) {
        return new CheckResult(CheckStatus.SKIPPED, reason, List.of(), "");
    }

    /** Creates a result for a check that failed itself. */
    public static CheckResult error(String reason) {
        return new CheckResult(CheckStatus.ERROR, reason, List.of(), "");
    }

    /** Returns a copy with these evidence lines in place of the current ones. */
    public CheckResult withEvidence(List<String> lines) {
        return new CheckResult(status, summary, lines, remediation);
    }

    /** Returns a copy with these evidence lines in place of the current ones. */
    public CheckResult withEvidence(String... lines) {
        return withEvidence(List.of(lines));
    }

    /** Returns a copy with this remediation in place of the current one. */
    public CheckResult withRemediation(String text) {
        return new CheckResult(status, summary, evidence, text);
    }
}
