package org.miniops.agent.audit;

import java.util.Locale;
import java.util.Map;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;

/** Formats an audit report as plain text for a terminal. */
public final class ReportFormatter {

    private ReportFormatter() {
    }

    /** Returns the report as text: a headline with the counts, then one block per check. */
    public static String text(AuditReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Mini-Ops audit of ").append(report.hostRoot()).append(": ")
                .append(report.checks().size()).append(" checks (").append(counts(report.counts())).append(")\n");

        for (CheckOutcome outcome : report.checks()) {
            CheckResult result = outcome.result();
            out.append('\n')
                    .append(String.format(Locale.ROOT, "%-7s %s  %s%n", result.status(), outcome.id(), outcome.title()))
                    .append("        ").append(result.summary()).append('\n');
            for (String line : result.evidence()) {
                out.append("        - ").append(line).append('\n');
            }
            if (!result.remediation().isEmpty()) {
                out.append("        Fix: ").append(result.remediation()).append('\n');
            }
        }
        if (report.checks().isEmpty()) {
            out.append("\nNo checks are installed; put plugin jars into the plugins directory (PLUGINS_DIR).\n");
        }
        return out.toString();
    }

    private static String counts(Map<CheckStatus, Integer> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((status, count) -> {
            if (count > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(count).append(' ').append(status);
            }
        });
        return text.isEmpty() ? "none" : text.toString();
    }
}
