package org.miniops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSH login alerts end to end. A real sshd on 127.0.0.1 runs the PAM hook that the distribution's
 * {@code setup_ssh_alerts.sh} installed into the real {@code /etc/pam.d/sshd}. The hook posts each
 * key login to the packaged agent, which alerts a mock Telegram Bot API.
 *
 * <p>Runs only as root. The account, sshd, agent and hook files are temporary. After the tests the
 * installer's {@code --uninstall} must leave {@code /etc/pam.d/sshd} byte-identical to a copy taken
 * before, and that copy is written back whatever happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshLoginAlertTest {

    private static final Path PAM_FILE = Path.of("/etc/pam.d/sshd");
    private static final String GROUP = "miniops";
    private static final String BOT_TOKEN = "123456789:AAE2e-ssh-login-token_0123456789abcdef";
    private static final String CHAT_ID = "-1009876543210";
    private static final String PASSING_SSHD = "PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n";

    /** Maximum duration of an ssh login, because the hook runs detached and bounds its request to about 2 s. */
    private static final Duration LOGIN_BOUND = Duration.ofSeconds(2);
    /** Bound for what happens in the background: the hook's delivery, the outbox, the spool replay. */
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(20);
    /** Time given to an alert that must not arrive before the test concludes that none will. */
    private static final Duration QUIET_PERIOD = Duration.ofSeconds(5);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Path work;
    private Path hookDirectory;
    private Path keyFile;
    private Path spoolDirectory;
    private FileSnapshot pamBefore;
    private boolean groupExisted;
    private boolean installerRan;
    private TestUser user;
    private SshServer sshd;
    private MockBotApi telegram;
    private AgentProcess agent;
    private int agentPort;

    @BeforeAll
    void setUp(@TempDir Path work) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root: it adds a user, runs sshd and edits /etc/pam.d/sshd; run the end-to-end tests with sudo");
        for (String tool : List.of("ssh", "ssh-keygen", "curl", "useradd", "userdel", "getent")) {
            assumeTrue(Commands.locate(tool).isPresent(), tool + " is not installed; install openssh-client, openssh-server, curl and passwd");
        }
        assumeTrue(SshServer.isInstalled(), "/usr/sbin/sshd is not installed; install openssh-server");
        assumeTrue(Files.isRegularFile(PAM_FILE), PAM_FILE + " does not exist; install openssh-server");
        // The installer would replace an operator's hook line with the test's, and uninstall would then drop it.
        assumeFalse(Files.readString(PAM_FILE).contains("ssh-alert.sh"),
                PAM_FILE + " already runs an ssh-alert.sh hook; run the test on a machine without a Mini-Ops install");

        this.work = work;
        hookDirectory = work.resolve("hook");
        keyFile = work.resolve("etc/hook.key");
        spoolDirectory = work.resolve("spool");
        pamBefore = FileSnapshot.take(PAM_FILE);
        groupExisted = groupExists();

        user = TestUser.create(Files.createDirectories(work.resolve("client")));
        sshd = SshServer.start(work.resolve("sshd"), user.name());
        telegram = new MockBotApi();
        agent = AgentProcess.prepare(Files.createDirectories(work.resolve("agent")), agentSettings()).start();
        agentPort = URI.create(agent.baseUrl()).getPort();

        installHook();

        // The agent reads the key only at start, and the installer has just created it.
        agent.close();
        agent.start();
    }

    @AfterAll
    void tearDown() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        if (installerRan) {
            attempt(failures, this::uninstallHook);
        }
        String pamDifference = installerRan ? pamBefore.difference() : null;
        if (pamBefore != null) {
            attempt(failures, pamBefore::restore);
        }

        attempt(failures, () -> {
            if (agent != null) {
                agent.close();
            }
        });
        attempt(failures, () -> {
            if (telegram != null) {
                telegram.close();
            }
        });
        attempt(failures, () -> {
            if (sshd != null) {
                sshd.close();
            }
        });
        attempt(failures, () -> {
            if (user != null) {
                user.close();
            }
        });
        attempt(failures, this::deleteGroupIfCreated);

        attempt(failures, () -> assertThat(pamDifference)
                .as("%s after setup_ssh_alerts.sh --uninstall compared with the copy taken before the install", PAM_FILE)
                .isNull());
        if (!failures.isEmpty()) {
            Throwable first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            if (first instanceof Error error) {
                throw error;
            }
            throw (Exception) first;
        }
    }

    @Test
    @Order(1)
    void loginIsStoredAndAlerted() throws Exception {
        long lastId = lastLoginId();

        login();

        JsonNode login = awaitNewLogins(lastId, 1).getFirst();
        assertThat(login.path("user").asText()).isEqualTo(user.name());
        assertThat(login.path("remoteHost").asText()).isEqualTo("127.0.0.1");
        assertThat(login.path("service").asText()).isEqualTo("sshd");
        assertThat(login.path("trusted").asBoolean()).isFalse();
        List<MockBotApi.Message> messages = awaitMessagesAbout(login);
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().chatId()).isEqualTo(CHAT_ID);
        assertThat(messages.getFirst().text()).contains("127.0.0.1");
    }

    @Test
    @Order(2)
    void trustedLoginIsStoredWithoutAlert() throws Exception {
        long networkId = addTrustedNetwork("127.0.0.1/32");
        try {
            long lastId = lastLoginId();
            int messagesBefore = telegram.accepted().size();

            login();

            JsonNode login = awaitNewLogins(lastId, 1).getFirst();
            Thread.sleep(QUIET_PERIOD.toMillis());
            assertThat(login.path("user").asText()).isEqualTo(user.name());
            assertThat(login.path("remoteHost").asText()).isEqualTo("127.0.0.1");
            assertThat(login.path("trusted").asBoolean()).isTrue();
            assertThat(login.path("alertId").isNull()).as("alertId of %s", login).isTrue();
            assertThat(telegram.accepted()).as("messages at the mock Telegram").hasSize(messagesBefore);
        } finally {
            removeTrustedNetwork(networkId);
        }
    }

    @Test
    @Order(3)
    void loginWhileAgentDownArrivesAfterRestart() throws Exception {
        long lastId = lastLoginId();
        agent.close();
        Instant stopped = Instant.now();

        Duration downLogin = login();
        System.out.println("SSH login with the agent stopped took " + downLogin.toMillis() + " ms");
        assertThat(downLogin).as("ssh login duration with the agent stopped").isLessThan(LOGIN_BOUND);
        assertThat(awaitSpooledEvents(1)).as("events spooled in %s while the agent was down", spoolDirectory).hasSize(1);

        Instant restarting = Instant.now();
        agent.start();
        // The hook replays the spool after the agent accepted its own event, so one more login brings both.
        login();

        List<JsonNode> logins = awaitNewLogins(lastId, 2);
        assertThat(logins).hasSize(2);
        JsonNode spooled = logins.stream().min(Comparator.comparing(login -> Instant.parse(login.path("time").asText()))).orElseThrow();
        JsonNode afterRestart = logins.stream().filter(login -> login != spooled).findFirst().orElseThrow();
        assertThat(Instant.parse(spooled.path("time").asText()))
                .as("stored time of the login made while the agent was down")
                .isBetween(stopped.truncatedTo(ChronoUnit.SECONDS), restarting);
        assertThat(Instant.parse(afterRestart.path("time").asText())).isAfterOrEqualTo(restarting.truncatedTo(ChronoUnit.SECONDS));
        for (JsonNode login : logins) {
            assertThat(login.path("user").asText()).isEqualTo(user.name());
            assertThat(login.path("trusted").asBoolean()).as("trusted of %s", login).isFalse();
            assertThat(awaitMessagesAbout(login)).as("messages about %s", login).hasSize(1);
        }
        assertThat(awaitSpooledEvents(0)).as("events left in %s", spoolDirectory).isEmpty();
    }

    private Map<String, String> agentSettings() throws IOException {
        Path hostRoot = work.resolve("root");
        Files.createDirectories(hostRoot.resolve("etc/ssh"));
        Files.writeString(hostRoot.resolve("etc/ssh/sshd_config"), PASSING_SSHD);

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("HOST_ROOT", hostRoot.toString());
        settings.put("HOOK_KEY_FILE", keyFile.toString());
        settings.put("SERVER_NAME", "e2e-ssh");
        settings.put("TELEGRAM_BOT_TOKEN", BOT_TOKEN);
        settings.put("TELEGRAM_CHAT_ID", CHAT_ID);
        settings.put("TELEGRAM_API_URL", telegram.url());
        settings.put("ALERT_RETRY_MAX", "2s");
        return settings;
    }

    /** Runs the installer from the distribution's scripts directory, as an operator would. */
    private void installHook() throws IOException, InterruptedException {
        installerRan = true;
        Commands.Result install = Commands.run(COMMAND_TIMEOUT, installer(), "--port", Integer.toString(agentPort),
                "--hook-dir", hookDirectory.toString(), "--key-file", keyFile.toString(), "--spool-dir", spoolDirectory.toString());

        assertThat(install.exitCode()).as("setup_ssh_alerts.sh exit status; output:\n%s", install.output()).isZero();
        assertThat(install.output()).contains("agent on 127.0.0.1:" + agentPort + ": up");
        assertThat(Files.readAllLines(PAM_FILE)).contains("session optional pam_exec.so quiet " + hookDirectory.resolve("ssh-alert.sh")
                + " --port " + agentPort + " --key-file " + keyFile + " --spool-dir " + spoolDirectory);
    }

    private void uninstallHook() throws IOException, InterruptedException {
        Commands.Result uninstall = Commands.run(COMMAND_TIMEOUT, installer(), "--uninstall", "--port", Integer.toString(agentPort),
                "--hook-dir", hookDirectory.toString(), "--key-file", keyFile.toString(), "--spool-dir", spoolDirectory.toString());
        assertThat(uninstall.exitCode()).as("setup_ssh_alerts.sh --uninstall exit status; output:\n%s", uninstall.output()).isZero();
    }

    private static String installer() {
        return AgentProcess.distribution().resolve("scripts/setup_ssh_alerts.sh").toString();
    }

    /** Logs in as the test user with the key, runs {@code true} and returns the duration of the ssh command. */
    private Duration login() throws IOException, InterruptedException {
        Commands.Result ssh = Commands.run(COMMAND_TIMEOUT, Commands.tool("ssh"), "-F", "/dev/null",
                "-i", user.privateKey().toString(), "-p", Integer.toString(sshd.port()),
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                user.name() + "@127.0.0.1", "true");
        assertThat(ssh.exitCode()).as("ssh exit status; ssh output:\n%s\nsshd log:\n%s", ssh.output(), sshd.log()).isZero();
        return ssh.duration();
    }

    private long lastLoginId() throws IOException, InterruptedException {
        JsonNode logins = getJson("/api/logins?limit=1").path("logins");
        return logins.isEmpty() ? 0 : logins.get(0).path("id").asLong();
    }

    /** Waits until the agent has stored {@code count} logins after {@code lastId} and returns them, oldest id first. */
    private List<JsonNode> awaitNewLogins(long lastId, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        List<JsonNode> found = List.of();
        while (System.nanoTime() < deadline) {
            List<JsonNode> logins = new ArrayList<>();
            getJson("/api/logins?limit=100").path("logins").forEach(logins::add);
            found = logins.stream()
                    .filter(login -> login.path("id").asLong() > lastId)
                    .sorted(Comparator.comparingLong(login -> login.path("id").asLong()))
                    .toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the agent stored " + found.size() + " of " + count + " logins within "
                + ARRIVAL_TIMEOUT.toSeconds() + " s; spool " + listSpool() + "\nsshd log:\n" + sshd.log() + "\nagent log:\n" + agent.log());
    }

    /**
     * Waits for the messages that name the user and the login's time and returns them. Matching the
     * time as well as the user tells apart logins of one user, and allows a message that names several.
     */
    private List<MockBotApi.Message> awaitMessagesAbout(JsonNode login) throws IOException, InterruptedException {
        String time = "Time: " + login.path("time").asText();
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<MockBotApi.Message> matching = telegram.accepted().stream()
                    .filter(message -> message.text().contains(user.name()) && message.text().contains(time))
                    .toList();
            if (!matching.isEmpty()) {
                return matching;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no message naming " + user.name() + " with '" + time + "' within " + ARRIVAL_TIMEOUT.toSeconds()
                + " s; messages: " + telegram.accepted() + "\nagent log:\n" + agent.log());
    }

    /** Waits until the hook's spool contains exactly {@code count} events and returns them. */
    private List<Path> awaitSpooledEvents(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        List<Path> events = listSpool();
        while (events.size() != count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            events = listSpool();
        }
        return events;
    }

    /** Lists the spooled events. The hook writes each to a hidden *.tmp file first and then renames it to *.json. */
    private List<Path> listSpool() throws IOException {
        if (!Files.isDirectory(spoolDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.endsWith(".json") && !name.startsWith(".");
            }).sorted().toList();
        }
    }

    private long addTrustedNetwork(String network) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(api("/api/trusted-networks")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"network\": \"" + network + "\", \"note\": \"end-to-end test\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /api/trusted-networks: %s", response.body()).isEqualTo(201);
        return json.readTree(response.body()).path("id").asLong();
    }

    private void removeTrustedNetwork(long id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(api("/api/trusted-networks/" + id).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("DELETE /api/trusted-networks/%d: %s", id, response.body()).isEqualTo(200);
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = agent.get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(agent.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + AgentProcess.TOKEN);
    }

    private static boolean groupExists() throws IOException, InterruptedException {
        return Commands.run(COMMAND_TIMEOUT, Commands.tool("getent"), "group", GROUP).succeeded();
    }

    /** Deletes the group the installer creates, unless it was there before the test. */
    private void deleteGroupIfCreated() throws IOException, InterruptedException {
        if (pamBefore == null || groupExisted || !groupExists()) {
            return;
        }
        Commands.require(COMMAND_TIMEOUT, Commands.tool("groupdel"), GROUP);
    }

    /** One cleanup step. Its failure is collected so that the later steps still run. */
    private interface CleanupStep {
        void run() throws Exception;
    }

    private static void attempt(List<Throwable> failures, CleanupStep step) {
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            failures.add(e);
        }
    }
}
