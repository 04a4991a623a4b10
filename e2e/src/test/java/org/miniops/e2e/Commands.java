package org.miniops.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs system tools (useradd, ssh-keygen, ssh, the installer) as child processes with a time limit. */
final class Commands {

    /** Directories searched for tools, because root's PATH under Maven may lack the sbin ones. */
    private static final List<String> TOOL_DIRECTORIES = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Commands() {
    }

    /**
     * Outcome of one command.
     *
     * @param exitCode the process's exit status
     * @param output standard output and standard error, interleaved
     * @param duration the time from start to exit
     */
    record Result(int exitCode, String output, Duration duration) {

        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command} and waits for it. A command that outlives {@code timeout} is killed, and the call throws. */
    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));

        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);

        // A grandchild that kept the pipe open would block the read forever, so it gets a bound too.
        try {
            return new Result(process.exitValue(), output.get(5, TimeUnit.SECONDS), duration);
        } catch (ExecutionException | TimeoutException e) {
            return new Result(process.exitValue(), "(output not readable: " + e + ")", duration);
        }
    }

    /** Runs {@code command} and throws with its output unless it exits with 0. */
    static Result require(Duration timeout, String... command) throws IOException, InterruptedException {
        Result result = run(timeout, command);
        if (!result.succeeded()) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result;
    }

    /** Returns the absolute path of {@code program} in the usual tool directories, or empty when none has it. */
    static Optional<String> locate(String program) {
        return TOOL_DIRECTORIES.stream()
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    /** Returns the absolute path of {@code program}, which the caller has checked with {@link #locate}. */
    static String tool(String program) {
        return locate(program).orElseThrow(() -> new IllegalStateException(program + " not found in " + TOOL_DIRECTORIES));
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
