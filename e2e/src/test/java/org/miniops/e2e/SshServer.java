package org.miniops.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd -D -e}) on 127.0.0.1 with its own configuration,
 * host key and PID file in a directory of the test's, accepting public keys of one user only.
 * sshd always uses the PAM service {@code sshd}, so it runs whatever {@code /etc/pam.d/sshd} holds.
 */
final class SshServer implements AutoCloseable {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    /** Privilege separation directory that Debian's sshd requires and its init script normally creates. */
    private static final Path PRIVILEGE_SEPARATION_DIRECTORY = Path.of("/run/sshd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path directory;
    private final int port;
    private final boolean createdPrivilegeSeparationDirectory;
    private Process process;

    private SshServer(Path directory, int port, boolean createdPrivilegeSeparationDirectory) {
        this.directory = directory;
        this.port = port;
        this.createdPrivilegeSeparationDirectory = createdPrivilegeSeparationDirectory;
    }

    /** Returns whether the OpenSSH server is installed where this class starts it. */
    static boolean isInstalled() {
        return Files.isExecutable(SSHD);
    }

    /** Writes the configuration and host key into {@code directory}, starts sshd and waits until it listens. */
    static SshServer start(Path directory, String allowedUser) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        int port = freePort();
        Path hostKey = directory.resolve("ssh_host_ed25519_key");
        Commands.require(Duration.ofSeconds(30), Commands.tool("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
        Path config = directory.resolve("sshd_config");
        Files.writeString(config, """
                Port %d
                ListenAddress 127.0.0.1
                HostKey %s
                PidFile %s
                UsePAM yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PubkeyAuthentication yes
                AllowUsers %s
                """.formatted(port, hostKey, directory.resolve("sshd.pid"), allowedUser));

        boolean created = false;
        if (!Files.isDirectory(PRIVILEGE_SEPARATION_DIRECTORY)) {
            Files.createDirectory(PRIVILEGE_SEPARATION_DIRECTORY, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            created = true;
        }
        SshServer server = new SshServer(directory, port, created);
        try {
            server.launch(config);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
    }

    /** Returns what sshd has written to standard error so far ({@code -e} sends its log there). */
    String log() throws IOException {
        Path log = directory.resolve("sshd.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Stops sshd with SIGTERM by its PID and removes /run/sshd when this server created it. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (createdPrivilegeSeparationDirectory) {
            Files.deleteIfExists(PRIVILEGE_SEPARATION_DIRECTORY);
        }
    }

    private void launch(Path config) throws IOException, InterruptedException {
        // sshd -t names the bad line of a configuration, which the daemon's exit would not show as clearly.
        Commands.require(Duration.ofSeconds(30), SSHD.toString(), "-t", "-f", config.toString());

        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("sshd.log").toFile())
                .start();

        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with " + process.exitValue() + "; log:\n" + log());
            }
            if (log().contains("Server listening on 127.0.0.1 port " + port)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("sshd did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT.toSeconds() + " s; log:\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
