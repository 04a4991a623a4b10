package org.miniops.plugins.portcoverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;

/**
 * Outcome of one run of the cross-check, collected source by source: mismatches, the sources that
 * lined up, the sources that could not be read and the notes on absent components, with the
 * evidence and remediation behind them.
 *
 * <p>The verdict is WARN when any mismatch was found, PASS when at least one source lined up,
 * UNKNOWN when a source could not be read and none lined up, and SKIPPED when there was nothing
 * to compare with. Not thread-safe; each check run builds its own.
 */
final class Findings {

    private final List<String> mismatches = new ArrayList<>();
    private final Set<String> remediation = new LinkedHashSet<>();
    private final List<String> evidence = new ArrayList<>();
    private final List<String> matched = new ArrayList<>();
    private final List<String> unread = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Records a mismatch, {@code summary} naming every port involved, and the steps that fix it. */
    void mismatch(String summary, String... steps) {
        mismatches.add(summary);
        remediation.addAll(List.of(steps));
    }

    /** Records a source that lines up with sshd's ports, for example {@code UFW's rules}. */
    void matched(String source) {
        matched.add(source);
    }

    /** Records a source that could not be read, with the reason in brackets. */
    void unread(String sourceAndReason) {
        unread.add(sourceAndReason);
        evidence.add("not compared: " + sourceAndReason);
    }

    /** Records a fact that leaves a source out of the comparison, for example {@code UFW is not installed}. */
    void note(String fact) {
        notes.add(fact);
        evidence.add(fact);
    }

    /** Records such a fact for the summary only, where an evidence line already shows it with its source. */
    void summaryNote(String fact) {
        notes.add(fact);
    }

    void evidence(String line) {
        evidence.add(line);
    }

    /**
     * Returns the verdict.
     *
     * @param ports the ports sshd listens on or is configured for, for the summary; empty when unknown
     * @param privileged whether the agent runs as root, which decides the advice for unread sources
     */
    CheckResult result(Collection<Integer> ports, boolean privileged) {
        if (!mismatches.isEmpty()) {
            return new CheckResult(CheckStatus.WARN, String.join("; ", mismatches), evidence, String.join(" ", remediation));
        }
        if (!matched.isEmpty()) {
            String subject = ports.size() == 1 ? "sshd's port " + portList(ports) + " lines up with "
                    : "sshd's ports " + portList(ports) + " line up with ";
            return new CheckResult(CheckStatus.PASS, subject + joinWithAnd(matched) + tail(), evidence, "");
        }
        if (!unread.isEmpty()) {
            String remedy = privileged ? "" : "Run the audit as root, which may read every source:"
                    + " sshd -T, ufw status verbose, /etc/ufw/user.rules and /proc/PID/fd.";
            return new CheckResult(CheckStatus.UNKNOWN, "Could not compare sshd's ports: " + String.join("; ", unread)
                    + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)), evidence, remedy);
        }
        return new CheckResult(CheckStatus.SKIPPED, "Nothing to compare sshd's ports with: " + String.join("; ", notes),
                evidence, "");
    }

    /** Returns {@code 22} or {@code 22, 2222}. */
    static String portList(Collection<Integer> ports) {
        return ports.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Returns {@code port 22} or {@code ports 22, 2222}. */
    static String ports(Collection<Integer> ports) {
        return (ports.size() == 1 ? "port " : "ports ") + portList(ports);
    }

    private String tail() {
        List<String> parts = new ArrayList<>(notes);
        if (!unread.isEmpty()) {
            parts.add("not compared: " + String.join("; ", unread));
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }

    private static String joinWithAnd(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
