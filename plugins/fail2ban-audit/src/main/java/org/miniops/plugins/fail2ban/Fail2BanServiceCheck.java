package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.Host;
import org.pf4j.Extension;

/**
 * Audit check {@code fail2ban.service}: fail2ban-server runs.
 *
 * <p>PASS when the server replies to ping on its socket or its process or systemd unit is seen; FAIL
 * when fail2ban is installed and no source shows it running, with the server's last logged
 * error and the configuration problems that stop it at start-up; UNKNOWN when the socket cannot
 * be used and the process table is hidden; SKIPPED when fail2ban is not installed.
 */
@Extension
public final class Fail2BanServiceCheck implements AuditCheck {

    @Override
    public String id() {
        return "fail2ban.service";
    }

    @Override
    public String title() {
        return "Fail2Ban server running";
    }

    @Override
    public String group() {
        return "fail2ban";
    }

    /** Room for ping, systemctl and fail2ban-client -d, each with its own shorter limit. */
    @Override
    public Duration timeout() {
        return Duration.ofSeconds(40);
    }

    @Override
    public CheckResult check(CheckContext context) throws IOException {
        Fail2BanSettings settings;
        try {
            settings = Fail2BanSettings.from(context.settings());
        } catch (IllegalArgumentException e) {
            return CheckResult.error(e.getMessage());
        }
        ServerState state = new ServerProbe(context.host(), settings).observe();
        return switch (state.status()) {
            case NOT_INSTALLED -> CheckResult.skipped(state.summary());
            case RUNNING -> CheckResult.pass(state.summary()).withEvidence(state.evidence());
            case UNKNOWN -> CheckResult.unknown(state.summary()).withEvidence(state.evidence())
                    .withRemediation("Check by hand as root with: fail2ban-client ping");
            case STOPPED -> stopped(context.host(), settings, state);
        };
    }

    private static CheckResult stopped(Host host, Fail2BanSettings settings, ServerState state) throws IOException {
        List<String> evidence = new ArrayList<>(state.evidence());
        Optional<String> lastError = lastLoggedError(host, state.server(), evidence);
        List<String> startupProblems = startupProblems(host, settings, evidence);

        String summary = state.summary();
        if (!startupProblems.isEmpty()) {
            summary += "; it stops at start-up on: " + startupProblems.get(0);
        } else if (lastError.isPresent()) {
            summary += "; last logged error: " + lastError.get();
        }

        String remediation = "Start it with: systemctl enable --now fail2ban (or fail2ban-client start where systemd is not"
                + " PID 1), then check that fail2ban-client ping prints 'Server replied: pong'.";
        if (startupProblems.stream().anyMatch(problem -> problem.startsWith("Have not found any log file"))) {
            remediation += " fail2ban-server refuses to start while an enabled jail has no log file: where sshd logs only"
                    + " to the systemd journal (Debian 12 without rsyslog), set backend = systemd for that jail in "
                    + settings.configDirOrDefault() + "/jail.local (this needs python3-systemd), or point its logpath"
                    + " at an existing file.";
        }
        return CheckResult.fail(summary).withEvidence(evidence).withRemediation(remediation);
    }

    /** Adds the server's last logged error to {@code evidence} and returns its line, if one can be read. */
    private static Optional<String> lastLoggedError(Host host, ServerConfig server, List<String> evidence) throws IOException {
        Optional<String> logFile = server.logFile();
        if (logFile.isEmpty()) {
            evidence.add("fail2ban-server logs to " + server.logTarget() + ", not to a file; read its errors with:"
                    + " journalctl -u fail2ban");
            return Optional.empty();
        }
        try {
            Optional<String> line = ServerLog.lastError(host, logFile.get());
            line.ifPresent(error -> evidence.add("last error in " + logFile.get() + ": " + error));
            return line;
        } catch (AccessDeniedException e) {
            evidence.add("cannot read " + logFile.get() + " for the server's last error: permission denied");
            return Optional.empty();
        }
    }

    /** Adds the configuration problems that stop fail2ban-server at start-up to {@code evidence} and returns them. */
    private static List<String> startupProblems(Host host, Fail2BanSettings settings, List<String> evidence)
            throws IOException {
        try {
            JailConfiguration configuration = ConfiguredJails.load(host, settings);
            for (String problem : configuration.problems()) {
                evidence.add("configuration problem: " + problem + " (" + configuration.source() + ")");
            }
            return configuration.problems();
        } catch (Fail2BanConfigException e) {
            evidence.add("fail2ban rejects its configuration: " + e.getMessage());
            return List.of(e.getMessage());
        } catch (AccessDeniedException e) {
            evidence.add("cannot read fail2ban's configuration to find start-up problems: " + e.getFile() + ": permission denied");
            return List.of();
        }
    }
}
