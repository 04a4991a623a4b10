package org.miniops.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks that the hook returns at once whatever goes wrong, spools what it could not deliver, and delivers the spool
 * on the next run that reaches the agent.
 */
class HookFailureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Upper limit for the hook's own run, which delays the login. Runs measured here took 2 to 60 ms. */
    private static final Duration PROMPT_RETURN = Duration.ofMillis(500);
    /** curl's --max-time 2 plus the time to write the spool file. */
    private static final Duration DELIVERY_BOUND = Duration.ofMillis(3_500);

    /** Ways the first delivery fails. */
    enum Failure {
        AGENT_DOWN, AGENT_SILENT, BACKLOG_FULL, KEY_MISSING, KEY_MALFORMED
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Failure.class)
    void failedDeliveryIsSpooledThenRedelivered(Failure failure) throws Exception {
        Scripts.assumeCurl();
        HookKey key = HookKey.createIn(dir);
        Path spoolDir = dir.resolve("spool");
        Path firstKey = switch (failure) {
            case KEY_MISSING -> dir.resolve("missing.key");
            case KEY_MALFORMED -> Files.writeString(dir.resolve("short.key"), key.hex().substring(1) + "\n");
            default -> key.file();
        };

        String spooledTime;
        try (RecordingHookServer server = RecordingHookServer.start(key.bytes());
                FailingPort port = FailingPort.open(failure, server.port())) {
            ScriptRun run = Login.sshd("alice", "198.51.100.4").port(port.number()).keyFile(firstKey)
                    .spoolDir(spoolDir).run();

            assertThat(run.exitCode()).isZero();
            assertThat(run.elapsed()).isLessThan(PROMPT_RETURN);
            long started = System.nanoTime();
            List<Path> spooled = Spool.await(spoolDir, events -> events.size() == 1, Duration.ofSeconds(6),
                    "one spooled event");
            Duration untilSpooled = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("%s: hook returned in %d ms, event spooled %d ms later%n", failure, run.elapsedMillis(),
                    untilSpooled.toMillis());
            assertThat(untilSpooled).isLessThan(DELIVERY_BOUND);

            JsonNode event = JSON.readTree(spooled.getFirst().toFile());
            assertThat(event.get("user").asText()).isEqualTo("alice");
            spooledTime = event.get("time").asText();
        }

        try (RecordingHookServer server = RecordingHookServer.start(key.bytes())) {
            Login.sshd("bob", "198.51.100.5").port(server.port()).keyFile(key.file()).spoolDir(spoolDir).run();

            RecordingHookServer.Request redelivered = server.next(Duration.ofSeconds(5), HookFailureTest::isAlice);
            assertThat(redelivered.rejection()).isNull();
            assertThat(JSON.readTree(redelivered.body()).get("time").asText()).isEqualTo(spooledTime);
            Spool.await(spoolDir, List::isEmpty, Duration.ofSeconds(5), "an empty spool after redelivery");
        }
    }

    @Test
    void spoolKeepsAtMostThousandEvents() throws Exception {
        Path spoolDir = privateDirectory("spool");
        for (int i = 0; i < 1000; i++) {
            Files.writeString(spoolDir.resolve(String.format("1000000000-%032x.json", i)), body("old" + i) + "\n");
        }

        ScriptRun run = Login.sshd("alice", "198.51.100.4").port(closedPort()).keyFile(dir.resolve("missing.key"))
                .spoolDir(spoolDir).run();

        assertThat(run.exitCode()).isZero();
        Path oldest = spoolDir.resolve(String.format("1000000000-%032x.json", 0));
        List<Path> events = Spool.await(spoolDir, files -> !files.contains(oldest) && files.size() == 1000,
                Duration.ofSeconds(5), "1000 events without the oldest");
        assertThat(JSON.readTree(events.getLast().toFile()).get("user").asText()).isEqualTo("alice");
    }

    @Test
    void replaySendsTwentyEventsPerRun() throws Exception {
        Scripts.assumeCurl();
        HookKey key = HookKey.createIn(dir);
        Path spoolDir = privateDirectory("spool");
        for (int i = 0; i < 25; i++) {
            Files.writeString(spoolDir.resolve(String.format("1000000000-%032x.json", i)), body("old" + i) + "\n");
        }

        try (RecordingHookServer server = RecordingHookServer.start(key.bytes())) {
            Login.sshd("alice", "198.51.100.4").port(server.port()).keyFile(key.file()).spoolDir(spoolDir).run();

            List<Path> left = Spool.await(spoolDir, files -> files.size() == 5, Duration.ofSeconds(10),
                    "5 events left after replaying 20");
            Thread.sleep(300);
            assertThat(server.history()).hasSize(21);
            assertThat(left.getFirst().getFileName().toString()).isEqualTo(String.format("1000000000-%032x.json", 20));
        }
    }

    @Test
    void malformedSpooledEventIsDropped() throws Exception {
        Scripts.assumeCurl();
        HookKey key = HookKey.createIn(dir);
        Path spoolDir = privateDirectory("spool");
        Files.writeString(spoolDir.resolve("1000000000-" + "a".repeat(32) + ".json"), "not json\n");
        Files.writeString(spoolDir.resolve("1000000001-" + "b".repeat(32) + ".json"), body("carol") + "\n");

        try (RecordingHookServer server = RecordingHookServer.start(key.bytes())) {
            Login.sshd("alice", "198.51.100.4").port(server.port()).keyFile(key.file()).spoolDir(spoolDir).run();

            Spool.await(spoolDir, List::isEmpty, Duration.ofSeconds(5), "both spooled events gone");
            assertThat(server.history()).extracting(RecordingHookServer.Request::bodyText)
                    .containsExactly(server.history().getFirst().bodyText(), "not json", body("carol"));
        }
    }

    @Test
    void spoolWritableByOthersIsNotReplayed() throws Exception {
        Scripts.assumeCurl();
        HookKey key = HookKey.createIn(dir);
        Path spoolDir = Files.createDirectory(dir.resolve("spool"));
        Files.setPosixFilePermissions(spoolDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path planted = Files.writeString(spoolDir.resolve("1000000000-" + "c".repeat(32) + ".json"),
                body("mallory") + "\n");

        try (RecordingHookServer server = RecordingHookServer.start(key.bytes())) {
            Login.sshd("alice", "198.51.100.4").port(server.port()).keyFile(key.file()).spoolDir(spoolDir).run();
            server.next(Duration.ofSeconds(5));
            Thread.sleep(500);

            assertThat(server.history()).hasSize(1);
            assertThat(planted).exists();
        }
    }

    @Test
    void unusableSpoolStillReturnsAtOnce() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "");

        ScriptRun run = Login.sshd("alice", "198.51.100.4").port(closedPort()).keyFile(dir.resolve("missing.key"))
                .spoolDir(notADirectory.resolve("spool")).run();

        assertThat(run.exitCode()).isZero();
        assertThat(run.elapsed()).isLessThan(PROMPT_RETURN);
    }

    private Path privateDirectory(String name) throws IOException {
        return Files.createDirectory(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static boolean isAlice(RecordingHookServer.Request request) {
        return request.bodyText().contains("\"user\":\"alice\"");
    }

    private static String body(String user) {
        return "{\"user\":\"" + user + "\",\"rhost\":\"198.51.100.9\",\"service\":\"sshd\",\"tty\":\"ssh\","
                + "\"time\":\"2026-12-04T21:15:03Z\"}";
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A port on 127.0.0.1 that fails the way {@link Failure} names, or the live server's port for key failures. */
    private static final class FailingPort implements AutoCloseable {

        private final int number;
        private final ServerSocket listener;
        private final List<Socket> connections = new ArrayList<>();

        private FailingPort(int number, ServerSocket listener) {
            this.number = number;
            this.listener = listener;
        }

        static FailingPort open(Failure failure, int livePort) throws IOException {
            return switch (failure) {
                case AGENT_DOWN -> new FailingPort(closedPort(), null);
                case AGENT_SILENT -> silent();
                case BACKLOG_FULL -> backlogFull();
                case KEY_MISSING, KEY_MALFORMED -> new FailingPort(livePort, null);
            };
        }

        /** Accepts every connection and never responds, so only curl's --max-time ends the request. */
        private static FailingPort silent() throws IOException {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FailingPort port = new FailingPort(listener.getLocalPort(), listener);
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket connection = listener.accept();
                        synchronized (port.connections) {
                            port.connections.add(connection);
                        }
                    }
                } catch (IOException closed) {
                    // close() ends the accept loop.
                }
            });
            return port;
        }

        /**
         * Never accepts, and its accept queue is filled first, so Linux drops further SYNs and only curl's
         * --connect-timeout ends the request, as with a firewall that drops packets.
         */
        private static FailingPort backlogFull() throws IOException {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            FailingPort port = new FailingPort(listener.getLocalPort(), listener);
            for (int i = 0; i < 16; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.number), 200);
                    port.connections.add(filler);
                } catch (SocketTimeoutException queueFull) {
                    filler.close();
                    return port;
                }
            }
            throw new IllegalStateException("the accept queue of port " + port.number + " never filled");
        }

        int number() {
            return number;
        }

        @Override
        public void close() throws IOException {
            if (listener != null) {
                listener.close();
            }
            synchronized (connections) {
                for (Socket connection : connections) {
                    connection.close();
                }
            }
        }
    }
}
