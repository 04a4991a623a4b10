package org.miniops.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged agent ({@code dist/target/mini-ops/bin/mini-ops serve}) running as a child process
 * with its own {@code .env}, data directory and log file.
 */
final class AgentProcess implements AutoCloseable {

    static final String TOKEN = "e2e0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab";

    private final Path workDir;
    private final Map<String, String> settings;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private AgentProcess(Path workDir, Map<String, String> settings, int port) {
        this.workDir = workDir;
        this.settings = settings;
        this.port = port;
    }

    /** Prepares an agent in {@code workDir} with {@code settings} added to a token, a free port and a data directory. */
    static AgentProcess prepare(Path workDir, Map<String, String> settings) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        int port = freePort();
        all.put("AUTH_TOKEN", TOKEN);
        all.put("APP_HOST", "127.0.0.1");
        all.put("APP_PORT", Integer.toString(port));
        all.put("DATA_DIR", workDir.resolve("data").toString());
        all.putAll(settings);
        return new AgentProcess(workDir, all, port);
    }

    static Path distribution() {
        Path home = Path.of(System.getProperty("miniops.distribution", "../dist/target/mini-ops"));
        if (!Files.isExecutable(home.resolve("bin/mini-ops"))) {
            throw new IllegalStateException(home + "/bin/mini-ops is missing; run mvn package before the end-to-end tests");
        }
        return home;
    }

    /** Starts the agent and waits until /api/health responds. */
    AgentProcess start() throws IOException, InterruptedException {
        StringBuilder env = new StringBuilder();
        settings.forEach((key, value) -> env.append(key).append('=').append(value).append('\n'));
        Path envFile = workDir.resolve(".env");
        Files.writeString(envFile, env.toString(), StandardCharsets.UTF_8);
        // The file contains the API token; the agent warns about a .env other users can read.
        Files.setPosixFilePermissions(envFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        ProcessBuilder builder = new ProcessBuilder(distribution().resolve("bin/mini-ops").toString(),
                "serve", "--env-file", envFile.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("agent.log").toFile()));
        process = builder.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("agent exited with " + process.exitValue() + "; log:\n" + log());
            }
            try {
                if (get("/api/health").statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("agent did not answer /api/health within 30 s; log:\n" + log());
    }

    /** Kills the agent with SIGKILL, as a crash or the OOM killer would, and waits for it to go. */
    void kill() throws InterruptedException {
        ProcessHandle handle = process.toHandle();
        // The launcher execs java, so the process is the JVM itself.
        handle.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    String log() throws IOException {
        Path log = workDir.resolve("agent.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    long pid() {
        return process.pid();
    }

    /** Returns the address a browser opens, such as http://127.0.0.1:3000. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
