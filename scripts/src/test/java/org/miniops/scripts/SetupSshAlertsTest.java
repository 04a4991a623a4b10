package org.miniops.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs setup_ssh_alerts.sh as root against a PAM file, hook directory, key and spool in a temporary directory.
 *
 * <p>The installer creates the real {@code miniops} system group when it is missing, as it does on a VPS, and the
 * tests never delete a group.
 */
class SetupSshAlertsTest {

    private static final String FIXTURE = "/pam/sshd";

    @TempDir
    Path dir;

    private Path pamFile;
    private Path hookDir;
    private Path keyFile;
    private Path spoolDir;
    private Path moduleDir;
    private int port;

    @BeforeEach
    void createLayout() throws Exception {
        assumeTrue(isRoot(), "setup_ssh_alerts.sh changes owners and groups, so these tests need root");

        pamFile = Files.createDirectories(dir.resolve("etc/pam.d")).resolve("sshd");
        try (InputStream fixture = SetupSshAlertsTest.class.getResourceAsStream(FIXTURE)) {
            Files.write(pamFile, fixture.readAllBytes());
        }
        Files.setPosixFilePermissions(pamFile, PosixFilePermissions.fromString("rw-r--r--"));
        hookDir = dir.resolve("opt/mini-ops/scripts");
        keyFile = dir.resolve("etc/mini-ops/hook.key");
        spoolDir = dir.resolve("var/spool/mini-ops");
        moduleDir = Files.createDirectories(dir.resolve("lib/security"));
        Files.writeString(moduleDir.resolve("pam_exec.so"), "");
        port = closedPort();
    }

    @Test
    void installAppendsOneOptionalLine() throws Exception {
        byte[] before = Files.readAllBytes(pamFile);

        ScriptRun run = install();

        assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
        String expectedLine = "session optional pam_exec.so quiet " + hookDir.resolve("ssh-alert.sh") + " --port "
                + port + " --key-file " + keyFile + " --spool-dir " + spoolDir + "\n";
        byte[] expected = concat(before, expectedLine.getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(pamFile)).isEqualTo(expected);
    }

    @Test
    void installCopiesHookAsRootExecutable() throws Exception {
        install();

        Path hook = hookDir.resolve("ssh-alert.sh");
        assertThat(Files.readAllBytes(hook)).isEqualTo(Files.readAllBytes(Scripts.HOOK));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hook))).isEqualTo("rwxr-xr-x");
        assertThat(Files.getOwner(hook).getName()).isEqualTo("root");
    }

    @Test
    void installCreatesUnprintedGroupKey() throws Exception {
        ScriptRun run = install();

        String key = Files.readString(keyFile, StandardCharsets.US_ASCII);
        assertThat(key).matches("[0-9a-f]{64}\n");
        PosixFileAttributes attributes = attributes(keyFile);
        assertThat(PosixFilePermissions.toString(attributes.permissions())).isEqualTo("rw-r-----");
        assertThat(attributes.owner().getName()).isEqualTo("root");
        assertThat(attributes.group().getName()).isEqualTo("miniops");
        assertThat(run.stdout() + run.stderr()).doesNotContain(key.strip());
    }

    @Test
    void miniopsGroupExistsAfterInstall() throws Exception {
        install();

        ScriptRun getent = Scripts.execute(List.of("getent", "group", "miniops"), Map.of("PATH", "/usr/bin:/bin"),
                new byte[0]);
        assertThat(getent.exitCode()).isZero();
        assertThat(getent.stdout()).startsWith("miniops:");
    }

    @Test
    void installCreatesPrivateSpool() throws Exception {
        install();

        PosixFileAttributes attributes = attributes(spoolDir);
        assertThat(attributes.isDirectory()).isTrue();
        assertThat(PosixFilePermissions.toString(attributes.permissions())).isEqualTo("rwx------");
        assertThat(attributes.owner().getName()).isEqualTo("root");
    }

    @Test
    void secondInstallChangesNothing() throws Exception {
        install();
        Map<String, String> afterFirst = snapshot(dir);

        ScriptRun second = install();

        assertThat(second.exitCode()).isZero();
        assertThat(snapshot(dir)).isEqualTo(afterFirst);
        assertThat(second.stdout()).contains("line present");
    }

    @Test
    void reinstallWithOtherPortReplacesLine() throws Exception {
        install();
        port = closedPort();

        install();

        List<String> hookLines = Files.readAllLines(pamFile).stream().filter(line -> line.contains("ssh-alert.sh"))
                .toList();
        assertThat(hookLines).singleElement().asString().contains("--port " + port + " ");
        assertThat(Files.readAllLines(pamFile).getLast()).isEqualTo(hookLines.getFirst());
    }

    @Test
    void existingKeyIsKeptAndRestricted() throws Exception {
        Files.createDirectories(keyFile.getParent());
        String existing = "0123456789abcdef".repeat(4) + "\n";
        Files.writeString(keyFile, existing);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-rw-rw-"));

        install();

        assertThat(Files.readString(keyFile)).isEqualTo(existing);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-r-----");
        assertThat(attributes(keyFile).group().getName()).isEqualTo("miniops");
    }

    @Test
    void malformedKeyIsRejected() throws Exception {
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, "not-a-key\n");
        byte[] before = Files.readAllBytes(pamFile);

        ScriptRun run = install();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(keyFile.toString(), "64 hex characters", "delete it");
        assertThat(Files.readAllBytes(pamFile)).isEqualTo(before);
    }

    @Test
    void dryRunPrintsDiffAndChangesNothing() throws Exception {
        Map<String, String> before = snapshot(dir);

        ScriptRun run = install("--dry-run");

        assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
        assertThat(snapshot(dir)).isEqualTo(before);
        assertThat(run.stdout()).contains("--- " + pamFile, "+++ " + pamFile,
                "\n+session optional pam_exec.so quiet " + hookDir.resolve("ssh-alert.sh"));
    }

    @Test
    void defaultSpoolIsLeftOutOfLine() throws Exception {
        ScriptRun run = run("--pam-file", pamFile.toString(), "--hook-dir", hookDir.toString(),
                "--key-file", keyFile.toString(), "--pam-module-dir", moduleDir.toString(), "--dry-run");

        assertThat(run.stdout()).contains("+session optional pam_exec.so quiet " + hookDir.resolve("ssh-alert.sh")
                + " --port 3000 --key-file " + keyFile + "\n");
    }

    @Test
    void uninstallRestoresBytesAndMode() throws Exception {
        // No final newline and an unusual mode: both must come back exactly.
        byte[] original = Arrays.copyOf(Files.readAllBytes(pamFile), Files.readAllBytes(pamFile).length - 1);
        Files.write(pamFile, original);
        Files.setPosixFilePermissions(pamFile, PosixFilePermissions.fromString("rw----r--"));
        install();
        assertThat(Files.readAllBytes(pamFile)).isNotEqualTo(original);

        ScriptRun run = install("--uninstall");

        assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
        assertThat(Files.readAllBytes(pamFile)).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pamFile))).isEqualTo("rw----r--");
        assertThat(keyFile.resolveSibling("pam.d-sshd.orig")).doesNotExist();
    }

    @Test
    void uninstallKeepsEditsMadeAfterInstall() throws Exception {
        String original = Files.readString(pamFile);
        install();
        String edit = "# added by the operator after the install\n";
        Files.writeString(pamFile, Files.readString(pamFile) + edit);

        install("--uninstall");

        assertThat(Files.readString(pamFile)).isEqualTo(original + edit);
    }

    @Test
    void uninstallDryRunChangesNothing() throws Exception {
        install();
        Map<String, String> before = snapshot(dir);

        ScriptRun run = install("--uninstall", "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(snapshot(dir)).isEqualTo(before);
        assertThat(run.stdout()).contains("\n-session optional pam_exec.so quiet ");
    }

    @Test
    void uninstallWithoutLineChangesNothing() throws Exception {
        byte[] before = Files.readAllBytes(pamFile);

        ScriptRun run = install("--uninstall");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("nothing to remove");
        assertThat(Files.readAllBytes(pamFile)).isEqualTo(before);
    }

    @Test
    void missingPamFileIsRejected() throws Exception {
        Files.delete(pamFile);

        ScriptRun run = install();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines()).singleElement().asString()
                .contains(pamFile.toString(), "not found", "apt-get install openssh-server");
        assertThat(keyFile).doesNotExist();
        assertThat(hookDir).doesNotExist();
    }

    @Test
    void missingPamExecIsRejected() throws Exception {
        Files.delete(moduleDir.resolve("pam_exec.so"));
        byte[] before = Files.readAllBytes(pamFile);

        ScriptRun run = install();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().lines()).singleElement().asString()
                .contains("pam_exec.so not found", moduleDir.toString(), "apt-get install libpam-modules");
        assertThat(Files.readAllBytes(pamFile)).isEqualTo(before);
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void systemPamExecIsFound() throws Exception {
        assumeTrue(Stream.of("/lib/x86_64-linux-gnu/security", "/usr/lib/x86_64-linux-gnu/security", "/lib/security",
                        "/usr/lib/security", "/usr/lib64/security", "/lib64/security")
                .anyMatch(module -> Files.isRegularFile(Path.of(module, "pam_exec.so"))),
                "no pam_exec.so on this host");

        ScriptRun run = run("--pam-file", pamFile.toString(), "--hook-dir", hookDir.toString(),
                "--key-file", keyFile.toString(), "--spool-dir", spoolDir.toString(), "--port", Integer.toString(port),
                "--dry-run");

        assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isZero();
    }

    @Test
    void unauthorizedHealthCountsAsRunning() throws Exception {
        try (RecordingHookServer agent = RecordingHookServer.start(new byte[32])) {
            port = agent.port();

            ScriptRun run = install();

            assertThat(run.stdout()).contains("agent on 127.0.0.1:" + port + ": up (HTTP 401");
            assertThat(run.stderr()).isEmpty();
        }
    }

    @Test
    void agentDownIsOnlyWarning() throws Exception {
        ScriptRun run = install();

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains("warning: no agent responds on 127.0.0.1:" + port);
    }

    @Test
    void installedHookDeliversSignedLogin() throws Exception {
        Scripts.assumeCurl();
        install();
        byte[] key = HexFormat.of().parseHex(Files.readString(keyFile).strip());

        try (RecordingHookServer agent = RecordingHookServer.start(key)) {
            String[] line = Files.readAllLines(pamFile).getLast().split(" ");
            List<String> arguments = new ArrayList<>(List.of(line).subList(5, line.length));
            arguments.set(arguments.indexOf("--port") + 1, Integer.toString(agent.port()));
            Scripts.run(Path.of(line[4]), arguments, Map.of("PAM_TYPE", "open_session", "PAM_SERVICE", "sshd",
                    "PAM_USER", "alice", "PAM_RHOST", "198.51.100.4", "PAM_TTY", "ssh"));

            assertThat(agent.next(Duration.ofSeconds(5)).rejection()).isNull();
        }
    }

    @Test
    void nonRootIsRejected() throws Exception {
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue(Files.isExecutable(setpriv), "setpriv (util-linux) is not installed");

        ScriptRun run = Scripts.execute(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                "/bin/sh", Scripts.INSTALLER.toString(), "--pam-file", pamFile.toString()), Map.of(), new byte[0]);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("must run as root");
    }

    @Test
    void invalidPortIsRejected() throws Exception {
        ScriptRun run = run("--port", "70000", "--pam-file", pamFile.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("invalid --port '70000'", "1 to 65535");
    }

    @Test
    void helpNamesEveryOption() throws Exception {
        ScriptRun run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("--port N", "--hook-dir DIR", "--key-file FILE", "--spool-dir DIR",
                "--pam-file FILE", "--pam-module-dir DIR", "--uninstall", "--dry-run", "--help");
    }

    private ScriptRun install(String... extra) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--pam-file", pamFile.toString(),
                "--hook-dir", hookDir.toString(), "--key-file", keyFile.toString(),
                "--spool-dir", spoolDir.toString(), "--pam-module-dir", moduleDir.toString(),
                "--port", Integer.toString(port)));
        arguments.addAll(List.of(extra));
        return Scripts.run(Scripts.INSTALLER, arguments, Map.of());
    }

    private static ScriptRun run(String... arguments) throws IOException, InterruptedException {
        return Scripts.run(Scripts.INSTALLER, List.of(arguments), Map.of());
    }

    /** Lists every file and directory under {@code root} with its mode, owner, group and content. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                PosixFileAttributes attributes = attributes(path);
                GroupPrincipal group = attributes.group();
                String content = attributes.isRegularFile()
                        ? HexFormat.of().formatHex(Files.readAllBytes(path)) : "";
                entries.put(root.relativize(path).toString(), PosixFilePermissions.toString(attributes.permissions())
                        + " " + attributes.owner().getName() + ":" + group.getName() + " " + content);
            }
        }
        return entries;
    }

    private static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class).readAttributes();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
