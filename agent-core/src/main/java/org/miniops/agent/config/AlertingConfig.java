package org.miniops.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.miniops.api.CheckStatus;

/**
 * Settings of the continuous audit and alert delivery.
 *
 * @param auditInterval time between background audits ({@code AUDIT_INTERVAL})
 * @param alertOn statuses whose appearance creates an alert ({@code ALERT_ON}); always contains FAIL
 * @param alertMaxAge age after which an undelivered alert is dropped ({@code ALERT_MAX_AGE})
 * @param serverName name of this server in alerts ({@code SERVER_NAME})
 * @param retryMax longest wait between two delivery attempts ({@code ALERT_RETRY_MAX})
 */
public record AlertingConfig(Duration auditInterval, Set<CheckStatus> alertOn, Duration alertMaxAge, String serverName,
                             Duration retryMax) {

    /** Shortest accepted interval; a shorter one would run sshd -T and ufw status faster than they change. */
    public static final Duration MIN_AUDIT_INTERVAL = Duration.ofSeconds(10);

    public AlertingConfig {
        alertOn = Set.copyOf(alertOn);
    }

    /** Reads and validates the settings from the merged configuration; a blank value means the default. */
    public static AlertingConfig load(Map<String, String> settings) {
        Map<String, String> values = new java.util.HashMap<>();
        settings.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(key, value);
            }
        });
        Duration interval = Durations.parse("AUDIT_INTERVAL", values.getOrDefault("AUDIT_INTERVAL", "5m"));
        if (interval.compareTo(MIN_AUDIT_INTERVAL) < 0) {
            throw new ConfigException("AUDIT_INTERVAL " + values.get("AUDIT_INTERVAL").strip()
                    + " is shorter than the minimum of 10s; use 10s or more, such as 5m");
        }
        Duration maxAge = Durations.parse("ALERT_MAX_AGE", values.getOrDefault("ALERT_MAX_AGE", "24h"));
        if (maxAge.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigException("ALERT_MAX_AGE " + values.get("ALERT_MAX_AGE").strip()
                    + " is shorter than a minute, so alerts would be dropped before a retry; use 1m or more, such as 24h");
        }
        Set<CheckStatus> alertOn = parseAlertOn(values.getOrDefault("ALERT_ON", "FAIL"));
        String serverName = values.getOrDefault("SERVER_NAME", "").strip();
        Duration retryMax = Durations.parse("ALERT_RETRY_MAX", values.getOrDefault("ALERT_RETRY_MAX", "5m"));
        if (retryMax.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new ConfigException("ALERT_RETRY_MAX " + values.get("ALERT_RETRY_MAX").strip()
                    + " is shorter than the first retry delay of 2s; use 2s or more, such as 5m");
        }
        return new AlertingConfig(interval, alertOn, maxAge, serverName.isEmpty() ? hostName() : serverName, retryMax);
    }

    static Set<CheckStatus> parseAlertOn(String value) {
        Set<CheckStatus> statuses = EnumSet.of(CheckStatus.FAIL);
        for (String part : value.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            CheckStatus status;
            try {
                status = CheckStatus.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("ALERT_ON contains '" + part.strip() + "', which is not a status; use a comma-separated list of FAIL, WARN, UNKNOWN, ERROR");
            }
            if (status == CheckStatus.PASS || status == CheckStatus.SKIPPED) {
                throw new ConfigException("ALERT_ON contains " + status + ", which never needs an alert; use a comma-separated list of FAIL, WARN, UNKNOWN, ERROR");
            }
            statuses.add(status);
        }
        return statuses;
    }

    /** Reads the kernel's host name; unlike InetAddress.getLocalHost() it never waits for DNS. */
    static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc is hidden: fall through to the environment.
        }
        String fromEnvironment = System.getenv("HOSTNAME");
        return fromEnvironment == null || fromEnvironment.isBlank() ? "localhost" : fromEnvironment.strip();
    }
}
