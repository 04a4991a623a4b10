package org.miniops.agent.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Converts audit reports into the JSON shape of {@code mini-ops audit --format json} and {@code GET /api/audit}. */
public final class ReportJson {

    private ReportJson() {
    }

    /** Returns the report as an ordered map ready for Jackson. */
    public static Map<String, Object> of(AuditReport report) {
        Map<String, Object> counts = new LinkedHashMap<>();
        report.counts().forEach((status, count) -> counts.put(status.name().toLowerCase(Locale.ROOT), count));

        List<Map<String, Object>> checks = report.checks().stream().map(ReportJson::check).toList();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", report.startedAt().toString());
        json.put("durationMs", report.durationMillis());
        json.put("hostRoot", report.hostRoot());
        json.put("counts", counts);
        json.put("checks", checks);
        return json;
    }

    private static Map<String, Object> check(CheckOutcome outcome) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", outcome.id());
        json.put("title", outcome.title());
        json.put("group", outcome.group());
        json.put("plugin", outcome.pluginId());
        json.put("status", outcome.result().status().name());
        json.put("summary", outcome.result().summary());
        json.put("evidence", outcome.result().evidence());
        json.put("remediation", outcome.result().remediation());
        json.put("durationMs", outcome.durationMillis());
        return json;
    }
}
