package org.miniops.plugins.ufw;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Copy of the machine's {@code /etc/ufw} and {@code /etc/default/ufw}, which ufw rewrites even
 * when it runs inside a network namespace, and the means to put them back byte for byte with
 * their modes, owners and times.
 */
final class EtcUfwBackup {

    static final Path ETC_UFW = Path.of("/etc/ufw");
    static final Path DEFAULTS = Path.of("/etc/default/ufw");

    private static final StandardCopyOption[] EXACT_COPY = {
            StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING};

    private final Path storage;
    private final Map<String, String> fingerprint;

    private EtcUfwBackup(Path storage, Map<String, String> fingerprint) {
        this.storage = storage;
        this.fingerprint = fingerprint;
    }

    /** Copies both paths into {@code storage} and records a fingerprint of every file. */
    static EtcUfwBackup save(Path storage) throws IOException {
        copyTree(ETC_UFW, storage.resolve("ufw"));
        Files.copy(DEFAULTS, storage.resolve("default-ufw"), EXACT_COPY);
        return new EtcUfwBackup(storage, fingerprint());
    }

    /** Replaces both paths with the saved copies, removing files ufw added. */
    synchronized void restore() throws IOException {
        deleteTree(ETC_UFW);
        copyTree(storage.resolve("ufw"), ETC_UFW);
        Files.copy(storage.resolve("default-ufw"), DEFAULTS, EXACT_COPY);
    }

    /** Lists every path whose content, mode, owner or presence differs from the saved state. */
    List<String> differences() throws IOException {
        Map<String, String> now = fingerprint();
        List<String> differences = new ArrayList<>();
        fingerprint.forEach((path, saved) -> {
            if (!saved.equals(now.get(path))) {
                differences.add(path + ": saved " + saved + ", now " + now.get(path));
            }
        });
        now.keySet().stream().filter(path -> !fingerprint.containsKey(path))
                .forEach(path -> differences.add(path + ": added since the backup"));
        return differences;
    }

    private static Map<String, String> fingerprint() throws IOException {
        Map<String, String> prints = new TreeMap<>();
        try (Stream<Path> paths = Stream.concat(Files.walk(ETC_UFW), Stream.of(DEFAULTS))) {
            for (Path path : paths.toList()) {
                prints.put(path.toString(), describe(path));
            }
        }
        return prints;
    }

    private static String describe(Path path) throws IOException {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
        String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        if (Files.isSymbolicLink(path)) {
            return "link " + Files.readSymbolicLink(path) + " " + owner;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return "dir " + mode + " " + owner;
        }
        return "file " + mode + " " + owner + " sha256 " + sha256(Files.readAllBytes(path));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Map<Path, FileTime> directoryTimes = new TreeMap<>();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Path copy = target.resolve(source.relativize(directory).toString());
                Files.copy(directory, copy, EXACT_COPY);
                directoryTimes.put(copy, attributes.lastModifiedTime());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
        // Copying the children touched each directory; put its own time back.
        for (Map.Entry<Path, FileTime> entry : directoryTimes.entrySet()) {
            Files.setLastModifiedTime(entry.getKey(), entry.getValue());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
