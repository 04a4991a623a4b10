package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.api.CommandResult;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;

/**
 * Compares the file reader with {@code fail2ban-client -c DIR -d} on copies of the real
 * {@code /etc/fail2ban}, so the reader follows fail2ban's own rules and not only these tests'.
 *
 * <p>Both read the same absolute paths: the host is rooted at {@code /} and the configuration
 * directory is a temporary copy.
 */
class JailConfigReaderAgainstClientTest {

    @TempDir
    Path temp;

    private Path config;
    private final Host host = Host.of(Path.of("/"), CommandRunner.system(), true);

    @BeforeEach
    void copySystemConfiguration() throws Exception {
        assumeTrue(Files.isRegularFile(Fixtures.SYSTEM_CONFIG.resolve("jail.conf")),
                "fail2ban is not installed here (no /etc/fail2ban/jail.conf); install it with: apt-get install fail2ban");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/fail2ban-client")), "fail2ban-client is not installed here");
        config = temp.resolve("fail2ban");
        Fixtures.copyTree(Fixtures.SYSTEM_CONFIG, config);
        // Keep the comparison on the stock files: drop whatever this machine's administrator added.
        Files.deleteIfExists(config.resolve("jail.local"));
        Files.writeString(config.resolve("jail.d/defaults-debian.conf"), "[sshd]\nenabled = true\n");
    }

    private void local(String name, String... lines) throws Exception {
        Path file = config.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private Path logFile(String name) throws Exception {
        Path file = temp.resolve("log").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        return file;
    }

    private JailConfiguration files() throws Exception {
        return JailConfigReader.read(host, config.toString());
    }

    private JailConfiguration client() throws Exception {
        CommandResult dump = host.run(Duration.ofSeconds(30), "fail2ban-client", "-c", config.toString(), "-d");
        return ConfigDumpParser.parse(dump.stdout(), dump.stderr(), "fail2ban-client -d");
    }

    /** Asserts that both sources start the same jails with the same backend, log files, actions and problems. */
    private void assertSameJails() throws Exception {
        JailConfiguration fromFiles = files();
        JailConfiguration fromClient = client();

        assertThat(fromFiles.effectiveJails()).extracting(JailConfig::name)
                .containsExactlyElementsOf(fromClient.effectiveJails().stream().map(JailConfig::name).toList());
        for (JailConfig expected : fromClient.jails()) {
            JailConfig actual = fromFiles.jail(expected.name()).orElseThrow();
            assertThat(actual.configError()).as("config error of %s", expected.name()).isEqualTo(expected.configError());
            if (!expected.isEffective()) {
                continue;
            }
            assertThat(actual.backend()).as("backend of %s", expected.name()).isEqualTo(expected.backend());
            assertThat(new LinkedHashSet<>(actual.logFiles())).as("log files of %s", expected.name())
                    .isEqualTo(new LinkedHashSet<>(expected.logFiles()));
            assertThat(actual.actions()).as("actions of %s", expected.name()).isEqualTo(expected.actions());
        }
        assertThat(fromFiles.problems()).isEqualTo(fromClient.problems());
    }

    @Test
    void stockDebianConfiguration() throws Exception {
        assertSameJails();
        assertThat(files().effectiveJails()).extracting(JailConfig::name).containsExactly("sshd");
        assertThat(files().problems()).containsExactly("Have not found any log file for sshd jail");
    }

    @Test
    void stockPortMatchesTheActionPort() throws Exception {
        assertThat(files().jail("sshd").orElseThrow().port()).isEqualTo(client().jail("sshd").orElseThrow().port());
    }

    @Test
    void sshdDisabledInJailLocalLeavesNoJail() throws Exception {
        local("jail.local", "[sshd]", "enabled = false");

        assertSameJails();
        assertThat(files().effectiveJails()).isEmpty();
    }

    @Test
    void enabledWordsAndComments() throws Exception {
        Path log = logFile("auth.log");
        local("jail.d/words.local",
                "[DEFAULT]",
                "logpath = " + log,
                "backend = polling",
                "[sshd]",
                "enabled = false",
                "[dropbear]",
                "Enabled = Yes",
                "[selinux-ssh]",
                "enabled = on ; turned on by the test",
                "[apache-auth]",
                "enabled = 1",
                "[apache-badbots]",
                "enabled = true # a hash is no inline comment",
                "[apache-noscript]",
                "ENABLED = off",
                "[nginx-http-auth]",
                "; enabled = true",
                "enabled: TRUE");

        assertSameJails();
        assertThat(files().effectiveJails()).extracting(JailConfig::name)
                .containsExactly("dropbear", "selinux-ssh", "apache-auth", "nginx-http-auth");
    }

    @Test
    void laterFilesOverrideEarlierOnes() throws Exception {
        Path first = logFile("first.log");
        Path second = logFile("second.log");
        local("jail.d/10-port.conf", "[sshd]", "port = 1111", "logpath = " + first, "backend = polling");
        local("jail.local", "[sshd]", "port = 2222", "backend = pyinotify");
        local("jail.d/90-last.local", "[sshd]", "port = %(known/port)s,3333", "logpath = " + second, "backend = polling");

        assertSameJails();
        assertThat(files().jail("sshd").orElseThrow().port()).isEqualTo("2222,3333");
        assertThat(client().jail("sshd").orElseThrow().port()).isEqualTo("2222,3333");
    }

    @Test
    void defaultInLocalAppliesToEveryJail() throws Exception {
        Path log = logFile("nginx-error.log");
        local("jail.local",
                "[DEFAULT]",
                "banaction = nftables-multiport",
                "backend = polling",
                "[nginx-http-auth]",
                "enabled = true",
                "logpath = " + log);

        assertSameJails();
        assertThat(files().effectiveJails()).extracting(JailConfig::actions)
                .containsOnly(List.of("nftables-multiport"));
    }

    @Test
    void includesAndContinuationLines() throws Exception {
        Path first = logFile("a.log");
        Path second = logFile("b.log");
        local("my-paths.conf", "[DEFAULT]", "my_logs = " + first, "          " + temp.resolve("log") + "/b*.log");
        local("jail.local",
                "[INCLUDES]",
                "before = my-paths.conf",
                "",
                "[sshd]",
                "logpath = %(my_logs)s",
                "backend = polling",
                "action = %(action_)s",
                "         dummy[name=sshd-copy]");

        assertSameJails();
        assertThat(files().jail("sshd").orElseThrow().logFiles()).containsExactlyInAnyOrder(first.toString(), second.toString());
        assertThat(files().jail("sshd").orElseThrow().actions()).containsExactly("iptables-multiport", "dummy-copy");
    }

    @Test
    void systemdBackendNeedsNoLogFile() throws Exception {
        local("jail.local", "[sshd]", "backend = systemd");

        assertSameJails();
        assertThat(files().problems()).isEmpty();
    }

    @Test
    void unknownFilterAndActionSkipJails() throws Exception {
        Path log = logFile("custom.log");
        local("jail.local",
                "[custom]",
                "enabled = true",
                "filter = does-not-exist",
                "logpath = " + log,
                "[custom-action]",
                "enabled = true",
                "filter = sshd",
                "banaction = does-not-exist",
                "logpath = " + log);

        assertSameJails();
        assertThat(files().jail("custom").orElseThrow().configError()).isEqualTo("Unable to read the filter 'does-not-exist'");
    }

    @Test
    void referencesAcrossSectionsAndInEnabled() throws Exception {
        Path log = logFile("auth.log");
        local("jail.local",
                "[DEFAULT]",
                "guard_ssh = yes",
                "[sshd]",
                "enabled = %(guard_ssh)s",
                "port = 2222",
                "logpath = " + log + " tail",
                "backend = polling",
                "[dropbear]",
                "enabled = %(default/guard_ssh)s",
                "port = %(sshd/port)s",
                "logpath = %(sshd/logpath)s",
                "backend = polling");

        assertSameJails();
        assertThat(files().jail("dropbear").orElseThrow().port()).isEqualTo("2222");
        assertThat(client().jail("dropbear").orElseThrow().port()).isEqualTo("2222");
    }

    @Test
    void newJailsWithoutFilterFileOrActions() throws Exception {
        Path log = logFile("app.log");
        local("jail.d/apps.conf",
                "[myapp]",
                "enabled = true",
                "logpath = " + log,
                "[SSHD]",
                "enabled = true",
                "logpath = " + log,
                "[no-filter]",
                "enabled = true",
                "filter =",
                "action =",
                "logpath = " + log,
                "[semicolons]",
                "enabled = true",
                "filter = sshd",
                "port = 22;2222 ; the second port is for the tests",
                "logpath = " + log);

        assertSameJails();
        assertThat(files().jail("myapp").orElseThrow().configError()).isEqualTo("Unable to read the filter 'myapp'");
        assertThat(files().jail("semicolons").orElseThrow().port()).isEqualTo("22;2222");
    }

    @Test
    void brokenReferenceFailsBoth() throws Exception {
        local("jail.local", "[sshd]", "port = %(nosuchoption)s");

        assertThatThrownBy(this::files).isInstanceOf(Fail2BanConfigException.class)
                .hasMessageContaining("interpolation key 'nosuchoption'");
        assertThatThrownBy(this::client).isInstanceOf(Fail2BanConfigException.class)
                .hasMessageContaining("interpolation key 'nosuchoption'");
    }

    @Test
    void duplicateOptionFailsBoth() throws Exception {
        local("jail.local", "[sshd]", "port = 22", "port = 2222");

        assertThatThrownBy(this::files).isInstanceOf(Fail2BanConfigException.class)
                .hasMessageContaining("option 'port' in section 'sshd' already exists");
        assertThatThrownBy(this::client).isInstanceOf(Fail2BanConfigException.class)
                .hasMessageContaining("option 'port' in section 'sshd' already exists");
    }
}
