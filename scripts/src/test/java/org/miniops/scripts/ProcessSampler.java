package org.miniops.scripts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sampler that reads {@code /proc/PID/cmdline} and {@code /proc/PID/environ} of the processes a test spawned, over
 * and over until closed, and records every one that contains a secret.
 *
 * <p>The test's processes are those whose command line contains a marker (a temporary path passed as an argument)
 * and all their descendants; the environment of other processes on the machine is never read.
 */
final class ProcessSampler implements AutoCloseable {

    /** One process seen with a secret in its command line or environment. */
    record Leak(long pid, String command, String file, String secretName) {
    }

    private final byte[] marker;
    private final Map<String, byte[]> secrets;
    private final Thread thread;
    private volatile boolean running = true;

    // Written by the sampling thread only, read after close() has joined it.
    private final Set<Leak> leaks = new LinkedHashSet<>();
    private final Set<String> commands = new TreeSet<>();
    private int samples;

    private ProcessSampler(String marker, Map<String, byte[]> secrets) {
        this.marker = marker.getBytes(StandardCharsets.UTF_8);
        this.secrets = Map.copyOf(secrets);
        this.thread = Thread.ofPlatform().name("proc-sampler").start(this::sampleUntilClosed);
    }

    static ProcessSampler start(String marker, Map<String, byte[]> secrets) {
        return new ProcessSampler(marker, secrets);
    }

    List<Leak> leaks() {
        return List.copyOf(leaks);
    }

    /** Names (from /proc/PID/stat) of the test's processes seen at least once. */
    Set<String> commands() {
        return Set.copyOf(commands);
    }

    int samples() {
        return samples;
    }

    private void sampleUntilClosed() {
        while (running) {
            sampleOnce();
            samples++;
        }
    }

    private void sampleOnce() {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        Set<Long> ours = new HashSet<>();

        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : proc) {
                long pid = Long.parseLong(process.getFileName().toString());
                String stat = readText(process.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                // The command name sits in parentheses and may itself contain ")", so parse after the last one.
                int close = stat.lastIndexOf(')');
                names.put(pid, stat.substring(stat.indexOf('(') + 1, close));
                parents.put(pid, Long.parseLong(stat.substring(close + 2).split(" ")[1]));
                byte[] cmdline = readBytes(process.resolve("cmdline"));
                if (cmdline != null && indexOf(cmdline, marker) >= 0) {
                    ours.add(pid);
                }
            }
        } catch (IOException e) {
            return;
        }

        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<Long, Long> entry : parents.entrySet()) {
                if (ours.contains(entry.getValue()) && ours.add(entry.getKey())) {
                    grew = true;
                }
            }
        }

        for (long pid : ours) {
            commands.add(names.get(pid));
            for (String file : List.of("cmdline", "environ")) {
                byte[] content = readBytes(Path.of("/proc", Long.toString(pid), file));
                if (content == null) {
                    continue;
                }
                secrets.forEach((name, secret) -> {
                    if (indexOf(content, secret) >= 0) {
                        leaks.add(new Leak(pid, names.get(pid), file, name));
                    }
                });
            }
        }
    }

    private static String readText(Path file) {
        byte[] bytes = readBytes(file);
        return bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    // A process may exit between the directory listing and the read.
    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
