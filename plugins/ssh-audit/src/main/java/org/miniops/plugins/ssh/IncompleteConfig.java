package org.miniops.plugins.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;

/**
 * Gate that turns a verdict into {@code UNKNOWN} when part of the sshd config could not be read or
 * would be rejected, because the missing part may change the verdict.
 *
 * <p>Two cases keep the verdict. A {@code FAIL} confirmed by {@code sshd -T} stays, since an
 * unread Match block cannot make it safe. And when {@code sshd -T} confirmed the values and Match
 * blocks do not bear on the check, as for ports, the verdict stays with the unread files listed.
 */
final class IncompleteConfig {

    private IncompleteConfig() {
    }

    /**
     * Returns {@code observed}, or {@code UNKNOWN} with the reason when the files are incomplete.
     *
     * @param keywords the keywords the check reads
     * @param matchBlocksMatter whether a Match block could change the verdict
     * @param subject what the check judges, for the summary, for example {@code the root login setting}
     */
    static CheckResult review(SshdSettings settings, Set<String> keywords, boolean matchBlocksMatter,
                              CheckResult observed, String subject) {
        List<ConfigProblem> problems = settings.problems(keywords);
        if (!problems.isEmpty()) {
            return rejected(problems, observed);
        }

        List<UnreadableFile> unreadable = settings.unreadable();
        if (unreadable.isEmpty()) {
            return observed;
        }
        List<String> evidence = new ArrayList<>();
        unreadable.forEach(file -> evidence.add(file.describe()));
        evidence.addAll(observed.evidence());
        if (settings.confirmedBySshd() && (!matchBlocksMatter || observed.status() == CheckStatus.FAIL)) {
            return observed.withEvidence(evidence);
        }

        UnreadableFile first = unreadable.get(0);
        String more = unreadable.size() > 1 ? " and " + (unreadable.size() - 1) + " more" : "";
        String summary = "Cannot read " + first.path() + more + " (" + first.reason() + "), so " + subject + " is unknown";
        String remediation = "Let the agent read the sshd config: run it as root, or give its user read access,"
                + " for example `setfacl -m u:miniops:r FILE` for a file and `setfacl -m u:miniops:rx DIR` for a directory.";
        return new CheckResult(CheckStatus.UNKNOWN, summary, evidence, remediation);
    }

    private static CheckResult rejected(List<ConfigProblem> problems, CheckResult observed) {
        List<String> evidence = new ArrayList<>();
        problems.forEach(problem -> evidence.add("sshd rejects " + problem.describe()));
        evidence.addAll(observed.evidence());

        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
        String summary = "sshd rejects " + problems.get(0).describe() + more
                + ", so it will not start or reload with these files";
        String remediation = "Fix the rejected line" + (problems.size() > 1 ? "s" : "") + ". " + Remediation.RELOAD
                + " Until then a running sshd keeps the settings it started with, which the files no longer show.";
        return new CheckResult(CheckStatus.UNKNOWN, summary, evidence, remediation);
    }
}
