package org.miniops.api;

import java.time.Duration;
import org.pf4j.ExtensionPoint;

/**
 * One security setting the agent audits, contributed by a plugin as a PF4J extension.
 *
 * <p>The agent calls {@link #check} on its own thread for every audit run, through the scheduler,
 * the API and {@code mini-ops audit}. A check reads the machine only through
 * {@link CheckContext#host()}, so it works the same on the live system and on a fixture tree.
 *
 * <h2>Failure contract</h2>
 * <ul>
 *   <li>A check that cannot observe what it audits (permission denied, unreadable file, a tool
 *       that failed) returns {@link CheckStatus#UNKNOWN} with the path or command and the reason.
 *       It must never fall back to {@link CheckStatus#PASS}.</li>
 *   <li>A check whose component is not installed returns {@link CheckStatus#SKIPPED}.</li>
 *   <li>A check that throws is reported as {@link CheckStatus#ERROR} with the exception's
 *       message; the rest of the audit and the agent go on. Returning {@code ERROR} with a
 *       reason is preferred, because the reason is then written for an operator.</li>
 *   <li>A check still running after {@link #timeout()} is interrupted and reported as
 *       {@code ERROR}. Checks should pass a shorter limit to each command they run.</li>
 * </ul>
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe, since an
 * on-demand audit may run beside a scheduled one.
 */
public interface AuditCheck extends ExtensionPoint {

    /** Stable id of the form {@code group.name}, for example {@code ssh.root-login}. */
    String id();

    /** Short title for reports, for example {@code SSH root login}. */
    String title();

    /** Component the check belongs to, for example {@code ssh}, {@code ufw} or {@code fail2ban}. */
    String group();

    /** Time after which the agent gives up on this check and reports {@code ERROR}. */
    default Duration timeout() {
        return Duration.ofSeconds(15);
    }

    /**
     * Inspects the host and returns the verdict.
     *
     * @throws Exception when the check fails itself; the agent reports it as {@code ERROR}
     */
    CheckResult check(CheckContext context) throws Exception;
}
