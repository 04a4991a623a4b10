package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.util.Optional;
import org.miniops.api.Host;

/**
 * Server options from {@code fail2ban.conf} and its overrides ({@code fail2ban.d/*.conf},
 * {@code fail2ban.local}, {@code fail2ban.d/*.local}), section {@code [Definition]}.
 *
 * @param socket where fail2ban-server listens, {@code /var/run/fail2ban/fail2ban.sock} unless set
 * @param logTarget a log file path, or {@code STDOUT}, {@code STDERR}, {@code SYSLOG},
 *     {@code SYSOUT} or {@code SYSTEMD-JOURNAL}; {@code /var/log/fail2ban.log} unless set
 * @param readError why the files could not be read, or empty; the defaults apply then
 */
record ServerConfig(String socket, String logTarget, String readError) {

    static final String DEFAULT_LOG_TARGET = "/var/log/fail2ban.log";

    /** Reads the server options under {@code configDir}, falling back to fail2ban's defaults when the files cannot be read. */
    static ServerConfig read(Host host, String configDir) {
        try {
            ConfigStack stack = ConfigStack.read(host, configDir, "fail2ban");
            return new ServerConfig(
                    stack.get("Definition", "socket").orElse(Fail2BanSettings.DEFAULT_SOCKET),
                    stack.get("Definition", "logtarget").orElse(DEFAULT_LOG_TARGET),
                    "");
        } catch (IOException | Fail2BanConfigException | IllegalArgumentException e) {
            return new ServerConfig(Fail2BanSettings.DEFAULT_SOCKET, DEFAULT_LOG_TARGET,
                    "cannot read " + configDir + "/fail2ban.conf: " + e.getMessage());
        }
    }

    /** Returns the log file fail2ban-server writes, or empty when it logs elsewhere (syslog, journal, a stream). */
    Optional<String> logFile() {
        // fail2ban 1.0 accepts options after the target, such as SYSLOG[facility=AUTH] or /path.log[padding=0].
        String target = logTarget.replaceFirst("\\[.*$", "").strip();
        return target.startsWith("/") ? Optional.of(target) : Optional.empty();
    }
}
