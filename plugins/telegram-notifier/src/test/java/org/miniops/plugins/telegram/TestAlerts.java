package org.miniops.plugins.telegram;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.miniops.api.Alert;
import org.miniops.api.Severity;

/** Alerts shaped like the ones the agent sends. */
final class TestAlerts {

    static final Instant TIME = Instant.parse("2026-05-04T09:15:02Z");

    private TestAlerts() {
    }

    /** Creates an audit change to FAIL with the agent's fields, on server {@code prod_db}. */
    static Alert passwordLoginFailed(String id) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Check", "SSH password login");
        fields.put("Status", "FAIL");
        fields.put("Previous status", "PASS");
        fields.put("Summary", "Password login is open for every user");
        fields.put("Evidence", "PasswordAuthentication yes (/etc/ssh/sshd_config.d/50-cloud-init.conf:1)\n"
                + "KbdInteractiveAuthentication no (/etc/ssh/sshd_config:62)");
        fields.put("Remediation", "Set `PasswordAuthentication no` in /etc/ssh/sshd_config.d/50-cloud-init.conf,"
                + " then run: systemctl reload ssh");
        return new Alert(id, "audit.changed", Severity.CRITICAL, "SSH password login changed to FAIL", fields,
                "prod_db", TIME);
    }

    /** Creates an alert whose evidence has {@code lines} numbered lines of about 60 characters. */
    static Alert withLongEvidence(String id, int lines) {
        StringBuilder evidence = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            evidence.append(String.format("evidence line %04d: Port 22 open to 0.0.0.0/0 (ufw status)%n", i));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Check", "Open ports");
        fields.put("Evidence", evidence.toString());
        return new Alert(id, "audit.changed", Severity.WARNING, "Open ports changed to WARN", fields, "prod_db", TIME);
    }

    static Alert withFields(String id, Map<String, String> fields) {
        return new Alert(id, "test", Severity.INFO, "Test alert", fields, "prod_db", TIME);
    }
}
