package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.miniops.api.Host;
import org.miniops.api.PluginSettings;

/**
 * The enabled fail2ban jails that guard sshd, with the ports they ban on, for checks in other
 * plugins that compare them with the ports sshd listens on.
 *
 * <p>The jails come from the same source as the {@code fail2ban.jails} check reads when the
 * server cannot be asked: {@code fail2ban-client -d}, or the configuration files when commands do
 * not run or the client is missing. A jail guards sshd when it is named {@code sshd} or uses the
 * {@code sshd} filter; the filter comes from the files, since {@code fail2ban-client -d} does not
 * print it. Instances are immutable.
 *
 * @param installed whether fail2ban-client or fail2ban-server exists in a program directory
 * @param problem why the jails are unknown, for example a configuration file the agent may not
 *     read; empty when they were read
 * @param jails the enabled jails that guard sshd and that fail2ban starts, in configuration order
 * @param source where the jails came from: the command run or the files read
 * @param configDir host path of the configuration directory read, for remediation text
 */
public record SshJails(boolean installed, String problem, List<Jail> jails, String source, String configDir) {

    /** Directories where packages and {@code pip} install fail2ban's programs. */
    private static final List<String> PROGRAM_DIRECTORIES = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin", "/sbin");

    public SshJails {
        Objects.requireNonNull(problem, "problem");
        jails = List.copyOf(jails);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(configDir, "configDir");
    }

    /**
     * One jail that guards sshd.
     *
     * @param name the jail's section name, for example {@code sshd}
     * @param port the jail's {@code port} value as fail2ban passes it to the ban action, for
     *     example {@code ssh} or {@code ssh,2222}; empty when the source does not carry it
     * @param portLocation {@code file:line} of the {@code port} option in the files, or empty when
     *     the files could not be read
     * @param actions names of the jail's actions, for example {@code iptables-multiport}
     */
    public record Jail(String name, String port, String portLocation, List<String> actions) {

        public Jail {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(portLocation, "portLocation");
            actions = List.copyOf(actions);
        }
    }

    /**
     * Reads the jails on {@code host} afresh.
     *
     * @param settings settings with {@code FAIL2BAN_CONFIG_DIR} and {@code FAIL2BAN_SOCKET} when
     *     they differ from the defaults; other keys are ignored
     * @throws IOException if reading a file failed for a reason other than permissions
     */
    public static SshJails load(Host host, PluginSettings settings) throws IOException {
        Fail2BanSettings fail2ban;
        try {
            fail2ban = Fail2BanSettings.from(settings);
        } catch (IllegalArgumentException e) {
            return new SshJails(true, e.getMessage(), List.of(), "", Fail2BanSettings.DEFAULT_CONFIG_DIR);
        }
        String configDir = fail2ban.configDirOrDefault();
        if (!installed(host)) {
            return new SshJails(false, "", List.of(), "", configDir);
        }

        JailConfiguration configuration;
        try {
            configuration = ConfiguredJails.load(host, fail2ban);
        } catch (AccessDeniedException e) {
            return new SshJails(true, "cannot read " + e.getFile() + ": permission denied", List.of(), "", configDir);
        } catch (Fail2BanConfigException e) {
            return new SshJails(true, "fail2ban rejects its configuration, so it starts no jail: " + e.getMessage(),
                    List.of(), "", configDir);
        }

        Optional<ConfigStack> files = readFiles(host, configDir);
        Set<String> sshFilterJails = sshFilterJails(host, configDir);
        List<Jail> jails = new ArrayList<>();
        for (JailConfig jail : configuration.effectiveJails()) {
            if (jail.guardsSsh() || sshFilterJails.contains(jail.name())) {
                String location = files.flatMap(stack -> stack.raw(jail.name(), "port")).map(ConfigValue::location).orElse("");
                jails.add(new Jail(jail.name(), jail.port(), location, jail.actions()));
            }
        }
        return new SshJails(true, "", jails, configuration.source(), configDir);
    }

    private static boolean installed(Host host) {
        for (String directory : PROGRAM_DIRECTORIES) {
            if (host.exists(directory + "/fail2ban-client") || host.exists(directory + "/fail2ban-server")) {
                return true;
            }
        }
        return false;
    }

    /** Reads the jail files for the location of each {@code port} option; empty when they cannot be read. */
    private static Optional<ConfigStack> readFiles(Host host, String configDir) throws IOException {
        try {
            return Optional.of(ConfigStack.read(host, configDir, "jail"));
        } catch (AccessDeniedException | Fail2BanConfigException e) {
            return Optional.empty();
        }
    }

    /** Returns the jails whose configured filter is sshd, which only the files tell. */
    private static Set<String> sshFilterJails(Host host, String configDir) throws IOException {
        if (!host.isDirectory(configDir)) {
            return Set.of();
        }
        try {
            return Set.copyOf(JailConfigReader.read(host, configDir).jails().stream()
                    .filter(JailConfig::guardsSsh).map(JailConfig::name).toList());
        } catch (AccessDeniedException | Fail2BanConfigException e) {
            return Set.of();
        }
    }
}
