package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandTimeoutException;
import org.miniops.api.Host;
import org.pf4j.Extension;

/**
 * Audit check {@code fail2ban.jails}: a fail2ban jail guards sshd.
 *
 * <p>PASS when a jail for sshd is enabled, WARN when jails exist but none guards sshd, FAIL when
 * there is no jail at all, SKIPPED when fail2ban is not installed. With a reachable server the
 * live jails count, with each jail's failure and ban counters and banned addresses as evidence;
 * otherwise the configured jails do ({@code fail2ban-client -d}, or the files when commands do
 * not run), and the summary gives the reason live counters are missing.
 */
@Extension
public final class Fail2BanJailsCheck implements AuditCheck {

    @Override
    public String id() {
        return "fail2ban.jails";
    }

    @Override
    public String title() {
        return "Fail2Ban jail for sshd";
    }

    @Override
    public String group() {
        return "fail2ban";
    }

    /** Room for ping, status and one status command per jail, each with its own shorter limit. */
    @Override
    public Duration timeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    public CheckResult check(CheckContext context) throws IOException {
        Fail2BanSettings settings;
        try {
            settings = Fail2BanSettings.from(context.settings());
        } catch (IllegalArgumentException e) {
            return CheckResult.error(e.getMessage());
        }
        Host host = context.host();
        ServerState state = new ServerProbe(host, settings).observe();
        if (state.status() == ServerState.Status.NOT_INSTALLED) {
            return CheckResult.skipped(state.summary());
        }
        if (state.socketReachable()) {
            Fail2BanClient client = new Fail2BanClient(host, settings);
            CommandResult status;
            try {
                status = client.run(Fail2BanClient.STATUS_TIMEOUT, "status");
            } catch (CommandTimeoutException e) {
                return configured(host, settings, e.getMessage());
            }
            if (status.succeeded()) {
                return live(host, settings, client, status.stdout());
            }
            return configured(host, settings, client.describe("status") + " failed: " + ClientFailure.of(status).message());
        }
        return configured(host, settings, liveCountersMissing(state));
    }

    private CheckResult live(Host host, Fail2BanSettings settings, Fail2BanClient client, String statusOutput)
            throws IOException {
        List<String> names;
        try {
            names = StatusParser.jailNames(statusOutput);
        } catch (IllegalArgumentException e) {
            return CheckResult.unknown("cannot read the jail list: " + e.getMessage());
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("jails running: " + (names.isEmpty() ? "none" : String.join(", ", names)) + " (" + client.describe("status") + ")");
        for (String name : names) {
            evidence.add(jailCounters(client, name));
        }

        if (names.isEmpty()) {
            return CheckResult.fail("fail2ban-server runs no jail, so it bans no one").withEvidence(evidence)
                    .withRemediation(enableSshJail(settings));
        }
        Set<String> sshJails = sshJailNames(host, settings, names);
        if (sshJails.isEmpty()) {
            return CheckResult.warn("fail2ban-server runs " + names.size() + " jail(s) (" + String.join(", ", names)
                    + ") but none for sshd").withEvidence(evidence).withRemediation(enableSshJail(settings));
        }
        return CheckResult.pass("jail " + String.join(", ", sshJails) + " guards sshd and is running").withEvidence(evidence);
    }

    private static String jailCounters(Fail2BanClient client, String name) throws IOException {
        String command = client.describe("status", name);
        CommandResult result;
        try {
            result = client.run(Fail2BanClient.STATUS_TIMEOUT, "status", name);
        } catch (CommandTimeoutException e) {
            return name + ": " + e.getMessage();
        }
        if (!result.succeeded()) {
            return name + ": " + command + " failed: " + ClientFailure.of(result).message();
        }
        try {
            return StatusParser.jail(name, result.stdout()).describe() + " (" + command + ")";
        } catch (IllegalArgumentException e) {
            return name + ": " + e.getMessage();
        }
    }

    /**
     * Returns the running jails that guard sshd: the one named sshd, and those whose configured
     * filter is sshd, which the files tell and the live server does not.
     */
    private static Set<String> sshJailNames(Host host, Fail2BanSettings settings, List<String> running) throws IOException {
        Set<String> guards = running.stream().filter(name -> name.equals("sshd"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        try {
            for (JailConfig jail : JailConfigReader.read(host, settings.configDirOrDefault()).jails()) {
                if (jail.guardsSsh() && running.contains(jail.name())) {
                    guards.add(jail.name());
                }
            }
        } catch (AccessDeniedException | Fail2BanConfigException e) {
            // Without readable files the running jail names decide alone, since the files only add jails with another name.
        }
        return guards;
    }

    private CheckResult configured(Host host, Fail2BanSettings settings, String liveCountersMissing) throws IOException {
        JailConfiguration configuration;
        try {
            configuration = ConfiguredJails.load(host, settings);
        } catch (AccessDeniedException e) {
            return CheckResult.unknown("cannot read fail2ban's jail configuration: " + e.getFile() + ": permission denied")
                    .withEvidence("live counters: unavailable: " + liveCountersMissing);
        } catch (Fail2BanConfigException e) {
            return CheckResult.fail("fail2ban rejects its jail configuration, so fail2ban-server starts no jail: " + e.getMessage())
                    .withEvidence("live counters: unavailable: " + liveCountersMissing)
                    .withRemediation("Fix the error in " + settings.configDirOrDefault() + ", then check it with: fail2ban-client -t");
        }

        List<String> evidence = new ArrayList<>();
        for (JailConfig jail : configuration.jails()) {
            if (jail.enabled()) {
                evidence.add(describe(jail));
            }
        }
        configuration.problems().forEach(problem -> evidence.add("configuration problem: " + problem));
        evidence.add("jails read from: " + configuration.source());
        evidence.add("live counters: unavailable: " + liveCountersMissing);

        List<JailConfig> effective = configuration.effectiveJails();
        String where = " in fail2ban's configuration";
        if (effective.isEmpty()) {
            return CheckResult.fail("no jail is enabled" + where + ", so fail2ban bans no one").withEvidence(evidence)
                    .withRemediation(enableSshJail(settings));
        }
        List<String> sshJails = effective.stream().filter(JailConfig::guardsSsh).map(JailConfig::name).toList();
        if (sshJails.isEmpty()) {
            List<String> names = effective.stream().map(JailConfig::name).toList();
            return CheckResult.warn(names.size() + " jail(s) enabled (" + String.join(", ", names) + ") but none for sshd"
                    + where).withEvidence(evidence).withRemediation(enableSshJail(settings));
        }
        return CheckResult.pass("jail " + String.join(", ", sshJails) + " guards sshd" + where
                + "; live counters unavailable: " + liveCountersMissing).withEvidence(evidence);
    }

    private static String liveCountersMissing(ServerState state) {
        return state.status() == ServerState.Status.STOPPED ? "fail2ban-server is not running" : state.socketProblem();
    }

    /** Returns an evidence line for a configured jail, naming what a later port check needs. */
    static String describe(JailConfig jail) {
        if (!jail.configError().isEmpty()) {
            return jail.name() + " skipped by fail2ban: " + jail.configError() + " (" + jail.source() + ")";
        }
        List<String> parts = new ArrayList<>();
        if (!jail.port().isEmpty()) {
            parts.add("port " + jail.port());
        }
        if (!jail.filter().isEmpty()) {
            parts.add("filter " + jail.filter());
        }
        if (!jail.banaction().isEmpty()) {
            parts.add("banaction " + jail.banaction());
        }
        if (!jail.actions().isEmpty()) {
            parts.add("actions " + String.join(" ", jail.actions()));
        }
        if (!jail.backend().isEmpty()) {
            parts.add("backend " + jail.backend());
        }
        if (jail.readsJournal()) {
            parts.add("reads the systemd journal");
        } else if (!jail.logFiles().isEmpty()) {
            parts.add("log files " + String.join(" ", jail.logFiles()));
        } else if (!jail.logPaths().isEmpty()) {
            parts.add("logpath " + String.join(" ", jail.logPaths()) + " (no such file)");
        } else {
            parts.add("no log file");
        }
        return jail.name() + " enabled: " + String.join(", ", parts) + " (" + jail.source() + ")";
    }

    private static String enableSshJail(Fail2BanSettings settings) {
        return "Enable a jail for sshd: in " + settings.configDirOrDefault() + "/jail.local add a section [sshd] with"
                + " enabled = true and port set to the port sshd listens on, then run: fail2ban-client reload";
    }
}
