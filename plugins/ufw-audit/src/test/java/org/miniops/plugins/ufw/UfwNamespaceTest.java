package org.miniops.plugins.ufw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.miniops.api.AuditCheck;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.CheckStatus;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;
import org.miniops.api.PluginSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real ufw inside a network namespace each test creates, then parses what ufw printed and
 * wrote and runs the checks against it.
 *
 * <p>Every ufw command goes through {@code ip netns exec}, so the host's own netfilter tables stay
 * untouched. ufw still rewrites {@code /etc/ufw} and {@code /etc/default/ufw} on the real file
 * system, so the class saves both first and restores them byte for byte before each test, after
 * each test and at the end, also when a test fails. Needs root, {@code ufw} and {@code ip}.
 */
class UfwNamespaceTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path backupDirectory;

    private static EtcUfwBackup backup;
    private static Thread restoreOnExit;

    @TempDir
    Path fixtureRoot;

    private String namespace;

    @BeforeAll
    static void saveUfwConfiguration() throws IOException {
        assumeTrue(isRoot(), "skipped: needs root to create network namespaces and run ufw");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ufw")), "skipped: ufw is not installed (apt-get install ufw)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/usr/bin/ip")),
                "skipped: ip is not installed (apt-get install iproute2)");
        backup = EtcUfwBackup.save(backupDirectory);
        // Also restore when the JVM is stopped before @AfterAll runs.
        restoreOnExit = new Thread(() -> {
            try {
                backup.restore();
            } catch (IOException e) {
                System.err.println("could not restore /etc/ufw from " + backupDirectory + ": " + e);
            }
        });
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }

    @AfterAll
    static void restoreUfwConfiguration() throws IOException {
        if (backup == null) {
            return;
        }
        backup.restore();
        Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        assertThat(backup.differences()).as("/etc/ufw and /etc/default/ufw after restore").isEmpty();
    }

    @BeforeEach
    void createNamespace() throws IOException {
        backup.restore();
        namespace = "miniops-ufw-" + HexFormat.of().formatHex(SecureRandom.getSeed(4));
        run("ip", "netns", "add", namespace);
        run("ip", "-n", namespace, "link", "set", "lo", "up");
    }

    @AfterEach
    void deleteNamespace() throws IOException {
        try {
            run("ip", "netns", "delete", namespace);
        } finally {
            backup.restore();
        }
    }

    @Test
    void liveStatusYieldsExampleFacts() throws IOException {
        setUpExampleFirewall();

        UfwStatus status = new UfwStatusParser().parse(ufw("status", "verbose"));

        assertThat(status.active()).isTrue();
        assertThat(status.defaultIncoming()).contains(UfwPolicy.DENY);
        assertThat(status.rules()).containsExactly(
                UfwRule.builder(UfwAction.LIMIT).protocol("tcp").destinationPorts("2222").comment("ssh").build(),
                allow().protocol("tcp").destinationPorts("22").destinationApp("OpenSSH").source("203.0.113.0/24").build(),
                allow().protocol("tcp").destinationPorts("80,443").build(),
                allow().protocol("udp").destinationPorts("60000:61000").comment("mosh").build(),
                allow().protocol("tcp").destinationPorts("5432").source("10.0.0.0/8").interfaceIn("eth1").build(),
                UfwRule.builder(UfwAction.LIMIT).protocol("tcp").destinationPorts("2222").comment("ssh").v6(true).build(),
                allow().protocol("tcp").destinationPorts("80,443").v6(true).build(),
                allow().protocol("udp").destinationPorts("60000:61000").comment("mosh").v6(true).build(),
                UfwRule.builder(UfwAction.DENY).direction(UfwRule.Direction.OUT).protocol("tcp").destinationPorts("25").build(),
                UfwRule.builder(UfwAction.DENY).direction(UfwRule.Direction.OUT).protocol("tcp").destinationPorts("25")
                        .v6(true).build());
    }

    @Test
    void layoutsAndFilesAgreeForAllKinds() throws IOException {
        setUpExampleFirewall();
        addRuleOfEveryKind();
        Host machine = Host.of(Path.of("/"), CommandRunner.disabled(), true);
        UfwStatusParser parser = new UfwStatusParser(ApplicationProfiles.read(machine));

        List<UfwRule> verbose = parser.parse(ufw("status", "verbose")).rules();
        List<UfwRule> plain = parser.parse(ufw("status")).rules();
        List<UfwRule> numbered = parser.parse(ufw("status", "numbered")).rules();
        UfwConfigFiles files = UfwConfigFiles.read(machine);

        assertThat(verbose).hasSizeGreaterThan(40);
        assertThat(plain).isEqualTo(verbose);
        assertThat(numbered).containsExactlyInAnyOrderElementsOf(verbose);
        assertThat(files.skippedTuples()).isEmpty();
        assertThat(files.rules().value()).containsExactlyInAnyOrderElementsOf(verbose);
    }

    @Test
    void checksReportTheLiveFirewall() throws IOException {
        setUpExampleFirewall();
        copyUfwFilesToFixture();
        Fixtures.write(fixtureRoot, "/etc/ssh/sshd_config", "Port 2222\n");
        Host host = Host.of(fixtureRoot, new NamespaceCommands(namespace), true);

        CheckResult active = check(new UfwActiveCheck(), host);
        CheckResult incoming = check(new UfwDefaultIncomingCheck(), host);
        CheckResult openPorts = check(new UfwOpenPortsCheck(), host);

        assertThat(active.status()).isEqualTo(CheckStatus.PASS);
        assertThat(active.evidence()).containsExactly("Status: active (ufw status verbose)",
                "Boot setting: ENABLED=yes (/etc/ufw/ufw.conf:6)");
        assertThat(incoming.status()).isEqualTo(CheckStatus.PASS);
        assertThat(openPorts.status()).isEqualTo(CheckStatus.PASS);
        assertThat(openPorts.summary()).endsWith("SSH port 2222 is allowed");
        assertThat(openPorts.evidence()).contains(
                "Open to anywhere: 2222/tcp LIMIT from anywhere (IPv4 and IPv6, comment \"ssh\")",
                "Open to anywhere: 80/tcp ALLOW from anywhere (IPv4 and IPv6)",
                "Open to anywhere: 443/tcp ALLOW from anywhere (IPv4 and IPv6)",
                "Open to anywhere: 60000-61000/udp ALLOW from anywhere (IPv4 and IPv6, comment \"mosh\")",
                "Open to some sources: 22/tcp ALLOW from 203.0.113.0/24 (IPv4, app profile OpenSSH)",
                "Open to some sources: 5432/tcp ALLOW on eth1 from 10.0.0.0/8 (IPv4)");
    }

    @Test
    void nonRootUfwFallsBackToTheFiles() throws IOException {
        setUpExampleFirewall();
        copyUfwFilesToFixture();
        Fixtures.write(fixtureRoot, "/etc/ssh/sshd_config", "Port 2222\n");
        Host host = Host.of(fixtureRoot,
                new NamespaceCommands(namespace, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), false);

        CheckResult active = check(new UfwActiveCheck(), host);
        CheckResult incoming = check(new UfwDefaultIncomingCheck(), host);
        CheckResult openPorts = check(new UfwOpenPortsCheck(), host);

        assertThat(active.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(active.summary()).contains("ERROR: You need to be root to run this script");
        assertThat(incoming.status()).isEqualTo(CheckStatus.PASS);
        assertThat(incoming.evidence()).first().asString().startsWith("DEFAULT_INPUT_POLICY=\"DROP\" (/etc/default/ufw:");
        assertThat(openPorts.status()).isEqualTo(CheckStatus.PASS);
        assertThat(openPorts.evidence()).first().asString()
                .startsWith("Rules from /etc/ufw/user.rules and /etc/ufw/user6.rules (read from the files because");
        assertThat(openPorts.evidence())
                .contains("Open to anywhere: 2222/tcp LIMIT from anywhere (IPv4 and IPv6, comment \"ssh\")");
    }

    @Test
    void enabledFirewallWithoutSshRuleWarns() throws IOException {
        ufw("--force", "enable");
        ufw("default", "deny", "incoming");
        ufw("allow", "80/tcp");
        Fixtures.write(fixtureRoot, "/etc/ssh/sshd_config", "# Port 22 by default\n");
        copyUfwFilesToFixture();
        Host host = Host.of(fixtureRoot, new NamespaceCommands(namespace), true);

        CheckResult openPorts = check(new UfwOpenPortsCheck(), host);

        assertThat(openPorts.status()).isEqualTo(CheckStatus.WARN);
        assertThat(openPorts.summary()).startsWith("No UFW rule allows SSH port 22");
        assertThat(openPorts.evidence()).contains("Open to anywhere: 80/tcp ALLOW from anywhere (IPv4 and IPv6)");
    }

    @Test
    void disabledFirewallFailsAndWarnsBeforeEnable() throws IOException {
        ufw("--force", "enable");
        ufw("default", "deny", "incoming");
        ufw("allow", "80/tcp");
        ufw("--force", "disable");
        Fixtures.write(fixtureRoot, "/etc/ssh/sshd_config", "# Port 22 by default\n");
        copyUfwFilesToFixture();
        Host host = Host.of(fixtureRoot, new NamespaceCommands(namespace), true);

        CheckResult active = check(new UfwActiveCheck(), host);
        CheckResult openPorts = check(new UfwOpenPortsCheck(), host);

        assertThat(active.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(active.evidence()).containsExactly("Status: inactive (ufw status verbose)",
                "Boot setting: ENABLED=no (/etc/ufw/ufw.conf:6)");
        assertThat(openPorts.status()).isEqualTo(CheckStatus.WARN);
        assertThat(openPorts.summary()).startsWith("No UFW rule allows SSH port 22");
    }

    private void setUpExampleFirewall() throws IOException {
        ufw("--force", "enable");
        ufw("default", "deny", "incoming");
        ufw("limit", "2222/tcp", "comment", "ssh");
        ufw("allow", "from", "203.0.113.0/24", "to", "any", "app", "OpenSSH");
        ufw("allow", "80,443/tcp");
        ufw("allow", "60000:61000/udp", "comment", "mosh");
        ufw("allow", "in", "on", "eth1", "from", "10.0.0.0/8", "to", "any", "port", "5432", "proto", "tcp");
        ufw("deny", "out", "25/tcp");
    }

    private void addRuleOfEveryKind() throws IOException {
        ufw("allow", "53");
        ufw("deny", "23/tcp");
        ufw("reject", "in", "111");
        ufw("allow", "out", "587/tcp");
        ufw("allow", "log", "8080/tcp");
        ufw("allow", "log-all", "8443/tcp", "comment", "tls alt");
        ufw("route", "allow", "in", "on", "eth0", "out", "on", "eth1", "to", "10.0.0.5", "port", "80", "proto", "tcp");
        ufw("route", "allow", "in", "on", "eth0");
        ufw("allow", "in", "on", "eth0");
        ufw("allow", "WWW Full");
        ufw("allow", "KTorrent");
        ufw("allow", "to", "192.168.1.10", "port", "22", "proto", "tcp");
        ufw("allow", "from", "2001:db8::/32", "to", "any", "port", "22", "proto", "tcp");
        ufw("allow", "proto", "esp", "from", "198.51.100.7");
        ufw("allow", "from", "198.51.100.0/24", "port", "53", "proto", "udp");
        ufw("allow", "8000:8100,9000/tcp");
        ufw("allow", "in", "on", "eth0", "to", "any", "app", "OpenSSH");
        ufw("allow", "proto", "tcp", "from", "any", "to", "any");
        ufw("allow", "out", "on", "eth0", "to", "any", "port", "53");
        ufw("deny", "from", "192.0.2.66");
        ufw("allow", "from", "10.0.0.0/8", "to", "10.0.0.1", "port", "22", "proto", "tcp", "comment", "admin # net é");
        ufw("allow", "from", "2001:db8::5", "to", "2001:db8::1", "port", "443", "proto", "tcp");
        ufw("reject", "out", "log", "6667");
    }

    private void copyUfwFilesToFixture() throws IOException {
        for (String file : List.of("/etc/ufw/ufw.conf", "/etc/ufw/user.rules", "/etc/ufw/user6.rules", "/etc/default/ufw")) {
            Fixtures.write(fixtureRoot, file, Files.readString(Path.of(file)));
        }
    }

    private static CheckResult check(AuditCheck check, Host host) {
        try {
            return check.check(new CheckContext(host, PluginSettings.empty()));
        } catch (Exception e) {
            throw new AssertionError(check.id() + " threw", e);
        }
    }

    private static UfwRule.Builder allow() {
        return UfwRule.builder(UfwAction.ALLOW);
    }

    /** Runs ufw inside the test's namespace and returns its standard output. */
    private String ufw(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "ufw"));
        command.addAll(List.of(arguments));
        return run(command.toArray(String[]::new));
    }

    /** Runs a command with LC_ALL=C and returns its standard output; fails the test when it exits non-zero. */
    private static String run(String... command) throws IOException {
        Path errors = Files.createTempFile(backupDirectory, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited with " + process.exitValue() + ": " + text
                        + Files.readString(errors));
            }
            return text;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
