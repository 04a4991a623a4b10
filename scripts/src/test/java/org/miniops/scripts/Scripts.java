package org.miniops.scripts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runner for the scripts under test with /bin/sh, the interpreter their {@code #!} line names.
 *
 * <p>The environment is replaced, not extended, because pam_exec passes the PAM variables only.
 */
final class Scripts {

    static final Path DIRECTORY = Path.of(System.getProperty("scripts.dir", "")).toAbsolutePath();
    static final Path HOOK = DIRECTORY.resolve("ssh-alert.sh");
    static final Path INSTALLER = DIRECTORY.resolve("setup_ssh_alerts.sh");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Scripts() {
    }

    /** Skips the calling test where curl is missing, because the hook then only spools and never delivers. */
    static void assumeCurl() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")),
                "curl is not installed, so the hook cannot deliver (apt-get install curl)");
    }

    static ScriptRun run(Path script, List<String> arguments, Map<String, String> environment, byte[] stdin)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("/bin/sh");
        command.add(script.toString());
        command.addAll(arguments);
        return execute(command, environment, stdin);
    }

    static ScriptRun run(Path script, List<String> arguments, Map<String, String> environment)
            throws IOException, InterruptedException {
        return run(script, arguments, environment, new byte[0]);
    }

    /** Runs {@code commands} with /bin/sh -c, the shell that pam_exec starts the hook with. */
    static ScriptRun shell(String commands) throws IOException, InterruptedException {
        return execute(List.of("/bin/sh", "-c", commands), Map.of(), new byte[0]);
    }

    static ScriptRun execute(List<String> command, Map<String, String> environment, byte[] stdin)
            throws IOException, InterruptedException {
        Path input = Files.createTempFile("script-stdin", ".bin");
        Path output = Files.createTempFile("script-stdout", ".txt");
        Path errors = Files.createTempFile("script-stderr", ".txt");
        try {
            Files.write(input, stdin);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(input.toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);

            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " still runs after " + TIMEOUT);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            return new ScriptRun(process.exitValue(), elapsed,
                    Files.readString(output, StandardCharsets.UTF_8), Files.readString(errors, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }
}
