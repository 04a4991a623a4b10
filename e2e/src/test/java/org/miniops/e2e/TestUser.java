package org.miniops.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A throwaway local account ({@code miniops-e2e-<random>}) that accepts one ed25519 key over SSH.
 * Closing it deletes the account and its home directory with {@code userdel -r}.
 */
final class TestUser implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path privateKey;

    private TestUser(String name, Path privateKey) {
        this.name = name;
        this.privateKey = privateKey;
    }

    /**
     * Creates the account with {@code useradd -m -s /bin/sh}, and a key pair whose private half stays
     * in {@code keyDirectory} and whose public half goes to {@code ~/.ssh/authorized_keys}.
     */
    static TestUser create(Path keyDirectory) throws IOException, InterruptedException {
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        String name = "miniops-e2e-" + HexFormat.of().formatHex(suffix);
        Path privateKey = keyDirectory.resolve("id_ed25519");
        Commands.require(COMMAND_TIMEOUT, Commands.tool("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", name,
                "-f", privateKey.toString());

        Commands.require(COMMAND_TIMEOUT, Commands.tool("useradd"), "-m", "-s", "/bin/sh", name);
        TestUser user = new TestUser(name, privateKey);
        try {
            user.authorize(Path.of(privateKey + ".pub"));
        } catch (IOException | RuntimeException e) {
            user.close();
            throw e;
        }
        return user;
    }

    String name() {
        return name;
    }

    Path privateKey() {
        return privateKey;
    }

    /** Deletes the account and its home, retrying while a process of the user, such as a closing sshd session, still runs. */
    @Override
    public void close() throws IOException, InterruptedException {
        Commands.Result result = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            result = Commands.run(COMMAND_TIMEOUT, Commands.tool("userdel"), "-r", name);
            if (result.succeeded()) {
                return;
            }
            // Exit status 8 means a process of the user is still running, such as a closing sshd session.
            if (result.exitCode() != 8) {
                break;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("userdel -r " + name + " failed with " + result.exitCode() + ": " + result.output()
                + "; delete the account by hand");
    }

    /** Installs {@code publicKey} as the only authorized key, with the ownership and modes sshd's StrictModes needs. */
    private void authorize(Path publicKey) throws IOException, InterruptedException {
        Path home = Path.of(homeDirectory());
        Path sshDirectory = home.resolve(".ssh");
        Path authorizedKeys = sshDirectory.resolve("authorized_keys");
        Files.createDirectories(sshDirectory);
        Files.copy(publicKey, authorizedKeys);

        UserPrincipalLookupService lookup = home.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(name);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(name);
        for (Path path : new Path[] {sshDirectory, authorizedKeys}) {
            PosixFileAttributeView attributes = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            attributes.setOwner(owner);
            attributes.setGroup(group);
        }
        Files.setPosixFilePermissions(sshDirectory, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-------"));
    }

    /** Returns the home directory from the passwd entry, since useradd's default base may differ from /home. */
    private String homeDirectory() throws IOException, InterruptedException {
        String entry = Commands.require(COMMAND_TIMEOUT, Commands.tool("getent"), "passwd", name).output().strip();
        String[] fields = entry.split(":");
        if (fields.length < 6 || !fields[5].startsWith("/")) {
            throw new IllegalStateException("passwd entry of " + name + " has no home directory: " + entry);
        }
        return fields[5];
    }
}
