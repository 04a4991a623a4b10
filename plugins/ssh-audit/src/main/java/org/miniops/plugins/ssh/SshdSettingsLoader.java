package org.miniops.plugins.ssh;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.CommandNotFoundException;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandTimeoutException;
import org.miniops.api.Host;

/**
 * Loads the sshd settings afresh for one check run: parses the config files and, when the agent
 * runs as root on the live system, runs {@code sshd -T} for the values.
 *
 * <p>Nothing is cached between runs, so an edit to sshd_config shows in the next audit.
 * Thread-safe, since it keeps no state.
 */
final class SshdSettingsLoader {

    /** Plugin setting that points at another config file, as sshd's {@code -f} option does. */
    static final String CONFIG_SETTING = "SSH_CONFIG";

    /** Time limit for {@code sshd -T}, which reads a few files and normally finishes in well under a second. */
    static final Duration SSHD_TIMEOUT = Duration.ofSeconds(5);

    /** Path of sshd in Debian, Ubuntu and RHEL packages; its presence separates "not installed" from "config missing". */
    private static final String SSHD_BINARY = "/usr/sbin/sshd";

    private SshdSettingsLoader() {
    }

    /**
     * Reads the settings for one run, or returns the verdict that ends the check early: SKIPPED
     * when sshd is not installed, ERROR when {@code SSH_CONFIG} is invalid.
     */
    static LoadOutcome load(CheckContext context) {
        Host host = context.host();
        Optional<String> configured = context.settings().get(CONFIG_SETTING).map(String::strip);
        String configPath = configured.orElse(SshdConfigParser.DEFAULT_PATH);

        if (!configPath.startsWith("/")) {
            return new LoadOutcome.NotAudited(CheckResult.error(CONFIG_SETTING + " is '" + configPath
                    + "', which is not an absolute path; set it to the file sshd reads, for example /etc/ssh/sshd_config"));
        }
        if (!host.exists(configPath)) {
            return new LoadOutcome.NotAudited(missingConfig(host, configPath, configured.isPresent()));
        }

        SshdConfig config = SshdConfigParser.parse(host, configPath);
        return new LoadOutcome.Loaded(withSshdValues(host, config));
    }

    private static CheckResult missingConfig(Host host, String configPath, boolean configured) {
        if (configured) {
            return CheckResult.error(CONFIG_SETTING + " is " + configPath + ", but that file does not exist; set "
                    + CONFIG_SETTING + " to the file sshd reads, or remove it to audit " + SshdConfigParser.DEFAULT_PATH);
        }
        if (host.exists(SSHD_BINARY)) {
            return CheckResult.skipped("sshd is installed at " + SSHD_BINARY + " but " + configPath
                    + " does not exist, so sshd cannot start");
        }
        return CheckResult.skipped("sshd is not installed: neither " + SSHD_BINARY + " nor " + configPath + " exists");
    }

    private static SshdSettings withSshdValues(Host host, SshdConfig config) {
        if (!host.canRunCommands()) {
            return SshdSettings.fromFiles(config, "commands are disabled in this audit (file-only mode)");
        }
        // sshd -T must read the host keys, which only root may read.
        if (!host.isPrivileged()) {
            return SshdSettings.fromFiles(config, "it needs root and the agent runs unprivileged");
        }

        String[] command = {"sshd", "-T", "-f", config.path()};
        CommandResult result;
        try {
            result = host.run(SSHD_TIMEOUT, command);
        } catch (CommandNotFoundException e) {
            return SshdSettings.fromFiles(config, "sshd was not found in PATH, /usr/sbin or /sbin");
        } catch (CommandTimeoutException e) {
            return SshdSettings.fromFiles(config, "sshd -T did not finish within " + SSHD_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return SshdSettings.fromFiles(config, "sshd -T could not start: " + e.getMessage());
        }

        if (!result.succeeded()) {
            return SshdSettings.fromFiles(config, "sshd -T failed with exit code " + result.exitCode()
                    + firstLine(result.stderr()));
        }
        SshdTestOutput output = SshdTestOutput.parse(result.stdout());
        if (output.first(SshdKeywords.PORT).isEmpty()) {
            return SshdSettings.fromFiles(config, "sshd -T printed no settings");
        }
        return SshdSettings.fromSshd(config, output, String.join(" ", command));
    }

    private static String firstLine(String stderr) {
        String trimmed = stderr.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        int newline = trimmed.indexOf('\n');
        return ": " + (newline < 0 ? trimmed : trimmed.substring(0, newline).strip());
    }
}
