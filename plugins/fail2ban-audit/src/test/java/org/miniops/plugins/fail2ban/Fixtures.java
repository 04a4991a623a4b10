package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import org.miniops.api.CheckContext;
import org.miniops.api.CheckResult;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;
import org.miniops.api.PluginSettings;
import org.miniops.api.AuditCheck;

/** Builds fixture trees and reads recorded outputs for the plugin's tests. */
final class Fixtures {

    /** fail2ban's configuration as Debian 12 installs it, copied into tests that compare with the real client. */
    static final Path SYSTEM_CONFIG = Path.of("/etc/fail2ban");

    private Fixtures() {
    }

    /** Writes {@code lines} to {@code hostPath} under {@code root}, creating directories, and returns the file. */
    static Path write(Path root, String hostPath, String... lines) {
        Path file = root.resolve(hostPath.substring(1));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Returns a recorded output from the test resources of this package. */
    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the directory tree {@code source} to {@code target}, keeping symbolic links as links. */
    static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Returns a host rooted at {@code root} that runs no commands, as {@code mini-ops audit --root} does. */
    static Host filesOnly(Path root) {
        return Host.of(root, CommandRunner.disabled(), true);
    }

    /** Runs {@code check} on {@code host} with {@code settings}. */
    static CheckResult run(AuditCheck check, Host host, Map<String, String> settings) throws Exception {
        return check.check(new CheckContext(host, PluginSettings.of(settings)));
    }

    /** Lays out a process table under {@code root}: {@code /proc/self} and one process per command line. */
    static void processTable(Path root, Map<Integer, List<String>> processes) throws IOException {
        Path proc = root.resolve("proc");
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/cmdline"), "java\0-jar\0mini-ops.jar\0");
        Files.createSymbolicLink(proc.resolve("self"), Path.of("4242"));
        for (Map.Entry<Integer, List<String>> process : processes.entrySet()) {
            Path directory = proc.resolve(process.getKey().toString());
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("cmdline"), String.join("\0", process.getValue()) + "\0");
        }
    }
}
