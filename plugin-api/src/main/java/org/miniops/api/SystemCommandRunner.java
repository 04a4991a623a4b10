package org.miniops.api;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** {@link CommandRunner} that starts real processes with a time limit and bounded output. */
final class SystemCommandRunner implements CommandRunner {

    /** Output cap per stream, so a tool that floods its output cannot exhaust the agent's heap. */
    static final int MAX_OUTPUT_BYTES = 1 << 20;

    /** Where administration tools live even when the agent's PATH, as a service user's, lacks them. */
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException {
        Path program = locate(command.get(0))
                .orElseThrow(() -> new CommandNotFoundException(command.get(0)));
        List<String> argv = new ArrayList<>(command);
        argv.set(0, program.toString());

        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("LANG", "C");
        Process process = builder.start();

        OutputReader stdout = OutputReader.start(process.getInputStream());
        OutputReader stderr = OutputReader.start(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new CommandTimeoutException(String.join(" ", command), timeout);
            }
            return new CommandResult(process.exitValue(), stdout.text(), stderr.text());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + String.join(" ", command), e);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static Optional<Path> locate(String program) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        Set<String> directories = new LinkedHashSet<>();
        String pathVariable = System.getenv("PATH");
        if (pathVariable != null) {
            for (String directory : pathVariable.split(":")) {
                if (!directory.isEmpty()) {
                    directories.add(directory);
                }
            }
        }
        directories.addAll(SYSTEM_DIRECTORIES);
        for (String directory : directories) {
            Path candidate = Path.of(directory, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Drains one stream on a virtual thread, keeping at most {@link #MAX_OUTPUT_BYTES}. */
    private static final class OutputReader {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private OutputReader(InputStream stream) {
            this.thread = Thread.ofVirtual().start(() -> drain(stream));
        }

        static OutputReader start(InputStream stream) {
            return new OutputReader(stream);
        }

        private void drain(InputStream stream) {
            byte[] chunk = new byte[8192];
            try (stream) {
                int read;
                while ((read = stream.read(chunk)) != -1) {
                    synchronized (buffer) {
                        int room = MAX_OUTPUT_BYTES - buffer.size();
                        if (room > 0) {
                            buffer.write(chunk, 0, Math.min(room, read));
                        }
                    }
                }
            } catch (IOException e) {
                // The process was killed or closed its end; keep what arrived.
            }
        }

        String text() throws InterruptedException {
            // A grandchild that inherited the pipe can keep it open; do not wait for it forever.
            thread.join(Duration.ofSeconds(2));
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
