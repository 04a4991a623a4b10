package org.miniops.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Read access to the hook's spool directory, where each undelivered event is one {@code .json} file. */
final class Spool {

    private Spool() {
    }

    /** Lists the spooled events, oldest first as the hook names them, or none when the directory is missing. */
    static List<Path> events(Path spoolDir) {
        if (!Files.isDirectory(spoolDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spoolDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls until the spooled events satisfy {@code condition}, failing after {@code timeout}. */
    static List<Path> await(Path spoolDir, Predicate<List<Path>> condition, Duration timeout, String expectation)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Path> events = events(spoolDir);
        while (!condition.test(events)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("spool " + spoolDir + " still contains " + events + " after " + timeout
                        + "; expected " + expectation);
            }
            Thread.sleep(20);
            events = events(spoolDir);
        }
        return events;
    }
}
