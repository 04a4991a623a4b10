package org.miniops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The dashboard in Debian's headless Chromium against the packaged agent, used the way an
 * operator would: sign in, read the audit, change trusted networks, send a test alert, switch
 * language, sign out.
 *
 * <p>The agent audits a fixture root whose sshd_config has a FAIL (password login), an UNKNOWN
 * (a value sshd rejects) and a WARN (the default port). Each test gets its own agent, because the
 * agent's per-client limits (5 failed sign-ins and 3 sensitive actions a minute) would otherwise
 * carry over between tests, which all connect from 127.0.0.1.
 * Screenshots go to target/screenshots; with {@code -Dminiops.readmeScreenshots=DIR} the
 * Security and Logins screenshots are also copied to DIR for the README.
 */
class DashboardTest {

    private static final String BOT_TOKEN = "123456789:AAE2e-dashboard-token_0123456789abcd";
    private static final String CHAT_ID = "-1001234567890";
    private static final String SSHD_CONFIG = "PermitRootLogin maybe\nPasswordAuthentication yes\n";
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    Path work;

    private MockBotApi telegram;
    private AgentProcess agent;
    private ChromiumBrowser browser;
    private String baseUrl;
    private byte[] hookKey;

    @BeforeEach
    void prepareFixture() throws Exception {
        assumeTrue(ChromiumBrowser.installed(), "Skipped: " + ChromiumBrowser.CHROMIUM + " or " + ChromiumBrowser.CHROMEDRIVER
                + " is missing; install them with: apt-get install chromium chromium-driver");
        telegram = new MockBotApi();
        Path root = work.resolve("root");
        Files.createDirectories(root.resolve("etc/ssh"));
        Files.writeString(root.resolve("etc/ssh/sshd_config"), SSHD_CONFIG);
        hookKey = LoginHook.writeKey(work.resolve("hook.key"));
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    void wrongTokenShowsError() throws IOException {
        DashboardPage page = openBrowser("en-US");
        page.open("security");
        screenshot("signin");

        String answer = page.submitTokenAndAwaitAnswer("not-the-token-of-this-agent-0000000000");

        assertThat(answer).isEqualTo("The token is wrong. Use AUTH_TOKEN from the agent's .env file.");
        assertThat(page.showsSignIn()).isTrue();
        assertThat(page.sessionValue("miniops.token")).isNull();
    }

    @Test
    void rightTokenOpensSecurity() {
        DashboardPage page = openBrowser("en-US");
        page.open("security");

        page.signIn(AgentProcess.TOKEN);

        page.awaitHeading("Security");
        assertThat(page.sessionValue("miniops.token")).isEqualTo(AgentProcess.TOKEN);
    }

    @Test
    void failCheckShowsFileAndLine() {
        DashboardPage page = signedIn("security");

        WebElement check = page.check("ssh.password-auth");

        assertThat(check.findElement(By.cssSelector(".badge")).getText()).isEqualTo("FAIL");
        assertThat(check.getText())
                .contains("SSH password login")
                .contains("Password login is open globally")
                .contains("PasswordAuthentication yes (/etc/ssh/sshd_config:2)")
                .containsIgnoringCase("How to fix")
                .contains("PasswordAuthentication no");
        assertThat(page.checks().get(0).getAttribute("data-check-id")).isEqualTo("ssh.password-auth");
    }

    @Test
    void unknownCheckShowsReason() {
        DashboardPage page = signedIn("security");

        WebElement check = page.check("ssh.root-login");

        assertThat(check.findElement(By.cssSelector(".badge")).getText()).isEqualTo("UNKNOWN");
        assertThat(check.getText()).contains("Reason:").contains("sshd rejects /etc/ssh/sshd_config line 1");
    }

    @Test
    void scoreLeavesOutSkippedChecks() {
        DashboardPage page = signedIn("security");
        page.awaitLoaded();

        String score = page.driver().findElement(By.cssSelector(".score")).getText();

        // 9 checks: ssh.port-coverage and 5 UFW and Fail2Ban checks are skipped, leaving FAIL, UNKNOWN and WARN.
        assertThat(score).contains("0%").contains("0 of 3 checks pass.").contains("6 checks are skipped");
    }

    @Test
    void statusFilterNarrowsChecksAcrossReload() {
        DashboardPage page = signedIn("security");
        page.awaitLoaded();

        page.driver().findElement(By.xpath("//div[@class='filters']/button[starts-with(normalize-space(), 'FAIL')]")).click();

        assertThat(page.checks()).extracting(check -> check.getAttribute("data-check-id")).containsExactly("ssh.password-auth");
        assertThat(page.driver().getCurrentUrl()).endsWith("#/security?status=FAIL");
        page.reload();
        page.awaitLoaded();
        page.check("ssh.password-auth");
        assertThat(page.checks()).hasSize(1);
    }

    @Test
    void runAuditShowsStatusChanges() throws Exception {
        DashboardPage page = signedIn("security");
        page.check("ssh.port");
        Files.writeString(work.resolve("root/etc/ssh/sshd_config"), SSHD_CONFIG + "Port 2222\n");

        page.button("Run audit now").click();

        page.awaitText("Audit finished at");
        page.awaitLoaded();
        screenshot("security");
        copyForReadme("security");
        assertThat(page.check("ssh.port").findElement(By.cssSelector(".badge")).getText()).isEqualTo("PASS");
        String changes = page.driver().findElement(By.cssSelector(".changes")).getText();
        assertThat(changes).contains("ssh.port\nWARN\n→\nPASS").contains("sshd is set to listen on port 2222")
                .doesNotContain("ssh.password-auth");
        assertThat(page.check("ssh.password-auth").getText()).startsWith("FAIL");
    }

    @Test
    void invalidNetworkShowsAgentReason() {
        DashboardPage page = signedIn("logins");

        page.field("Address or CIDR range").sendKeys("203.0.113.0/33");
        page.button("Add network").click();

        assertThat(page.awaitText("The agent rejected this network"))
                .contains("'203.0.113.0/33' has prefix length 33, more than the 32 bits of the address");
        assertThat(page.field("Address or CIDR range").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.mainText()).contains("No trusted network yet");
    }

    @Test
    void trustedNetworkAddedThenRemoved() {
        DashboardPage page = signedIn("logins");

        page.field("Address or CIDR range").sendKeys("203.0.113.0/24");
        page.field("Note (optional)").sendKeys("office VPN");
        page.button("Add network").click();

        assertThat(page.awaitText("203.0.113.0/24 is trusted now.")).contains("office VPN");
        assertThat(page.field("Address or CIDR range").getAttribute("value")).isEmpty();

        page.button("Remove 203.0.113.0/24").click();

        assertThat(page.awaitText("203.0.113.0/24 is no longer trusted.")).contains("No trusted network yet");
        assertThat(page.driver().findElements(By.cssSelector("li.network"))).isEmpty();
    }

    @Test
    void loginsShowSourceAndTrust() throws Exception {
        startAgent();
        addTrustedNetwork("203.0.113.0/24", "office VPN");
        LoginHook hook = LoginHook.to(baseUrl, hookKey);
        Instant now = Instant.now();
        assertThat(hook.post("deploy", "203.0.113.7", now.minusSeconds(3600))).isEqualTo(201);
        assertThat(hook.post("root", "198.51.100.23", now.minusSeconds(600))).isEqualTo(201);
        assertThat(hook.post("deploy", "203.0.113.7", now.minusSeconds(60))).isEqualTo(201);

        DashboardPage page = signedIn("logins");
        page.awaitText("198.51.100.23");
        page.awaitLoaded();

        List<WebElement> rows = page.driver().findElements(By.cssSelector(".data-table tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getText()).contains("deploy").contains("203.0.113.7").contains("Trusted")
                .doesNotContain("First from this source");
        assertThat(rows.get(1).getText()).contains("root").contains("198.51.100.23").contains("Not trusted")
                .contains("First from this source");
        assertThat(page.mainText()).contains("office VPN");
        screenshot("logins");
        copyForReadme("logins");
    }

    @Test
    void loginFieldsRenderAsText() throws Exception {
        String user = "<img src=x id=injected>";
        startAgent();
        assertThat(LoginHook.to(baseUrl, hookKey).post(user, "198.51.100.23", Instant.now())).isEqualTo(201);

        DashboardPage page = signedIn("logins");
        page.awaitText("198.51.100.23");

        assertThat(page.mainText()).contains(user);
        assertThat(page.driver().findElements(By.id("injected"))).isEmpty();
    }

    @Test
    void testAlertShowsNotifierResult() throws Exception {
        DashboardPage page = signedIn("alerts");
        page.awaitLoaded();

        page.button("Send test alert").click();

        page.awaitText("Test alert results");
        WebElement result = page.driver().findElement(By.cssSelector(".test-results [data-notifier='telegram']"));
        assertThat(result.getText()).contains("telegram").contains("Delivered");
        assertThat(telegram.awaitAccepted(1, Duration.ofSeconds(10)))
                .anySatisfy(message -> assertThat(message.text()).contains("Test alert from Mini-Ops"));
        page.driver().findElement(By.xpath("//div[@class='filters']/button[normalize-space()='All']")).click();
        page.awaitText("Test alert from Mini-Ops");
        screenshot("alerts");
    }

    @Test
    void misconfiguredTelegramShowsReason() throws Exception {
        try (MockWebServer wrongChat = new MockWebServer()) {
            // Telegram's response to a chat id the bot cannot post to.
            wrongChat.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
                            .body("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}").build();
                }
            });
            wrongChat.start();
            startAgent(wrongChat.url("/").toString().replaceAll("/$", ""));
            DashboardPage page = signedIn("alerts");
            page.awaitLoaded();

            page.button("Send test alert").click();

            String results = page.awaitText("Test alert results");
            assertThat(results).contains("Misconfigured").contains("chat not found");
            assertThat(page.awaitText("Rejected settings:")).contains("TELEGRAM_CHAT_ID");
        }
    }

    @Test
    void pluginsShowStateAndLoadFailure() throws IOException {
        DashboardPage page = signedIn("plugins");
        page.awaitLoaded();

        WebElement broken = page.driver().findElement(By.cssSelector("[data-plugin='broken-plugin.jar']"));
        assertThat(broken.getText()).contains("Failed").contains("Did not load:");
        WebElement ssh = page.driver().findElement(By.cssSelector("[data-plugin='ssh-audit']"));
        assertThat(ssh.getText()).contains("version 0.1.0").contains("Started")
                .contains("ssh.root-login").contains("ssh.password-auth").contains("ssh.port");
        WebElement notifier = page.driver().findElement(By.cssSelector("[data-plugin='telegram-notifier']"));
        assertThat(notifier.getText()).contains("telegram");
        screenshot("plugins");
    }

    @Test
    void russianChoiceSurvivesReload() throws IOException {
        DashboardPage page = signedIn("security");
        page.check("ssh.password-auth");

        page.chooseLanguage("Русский");

        page.awaitHeading("Безопасность");
        assertThat(page.check("ssh.password-auth").findElement(By.cssSelector(".badge")).getText()).isEqualTo("ПРОВАЛ");
        assertThat(page.driver().findElement(By.id("nav")).getText()).contains("Входы").contains("Оповещения").contains("Плагины");
        assertThat(page.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ru");
        screenshot("security-ru");

        page.reload();

        page.awaitHeading("Безопасность");
        assertThat(page.showsSignIn()).isFalse();
        assertThat(page.check("ssh.password-auth").getText()).contains("ПРОВАЛ").containsIgnoringCase("Основания");
    }

    @Test
    void russianBrowserGetsRussianFirst() {
        DashboardPage page = openBrowser("ru-RU");
        page.open("security");
        page.awaitSignIn();

        assertThat(page.driver().findElement(By.cssSelector("main h1")).getText()).isEqualTo("Вход");
        assertThat(page.driver().findElement(By.cssSelector("form.signin-form button")).getText()).isEqualTo("Войти");
    }

    @Test
    void reloadKeepsSessionAndView() {
        DashboardPage page = signedIn("security");
        page.navigate("Logins");
        assertThat(page.driver().getCurrentUrl()).endsWith("#/logins");

        page.reload();

        page.awaitHeading("Logins");
        assertThat(page.showsSignIn()).isFalse();
    }

    @Test
    void signOutForgetsToken() {
        DashboardPage page = signedIn("security");
        page.awaitLoaded();

        page.driver().findElement(By.id("sign-out")).click();

        page.awaitSignIn();
        assertThat(page.mainText()).contains("You are signed out.");
        assertThat(page.sessionValue("miniops.token")).isNull();
        page.reload();
        page.awaitSignIn();
        assertThat(page.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    @Test
    void rejectedTokenReturnsToSignIn() {
        DashboardPage page = signedIn("security");
        page.awaitLoaded();
        // The agent's token changed, for example after a rotation in .env and a restart.
        page.setSessionValue("miniops.token", "a-token-the-agent-no-longer-accepts-00000000");

        page.clickNavigation("Plugins");
        page.awaitSignIn();

        assertThat(page.mainText()).contains("The agent no longer accepts your token.");
        assertThat(page.sessionValue("miniops.token")).isNull();
    }

    @Test
    void stoppedAgentShowsErrorWithRetry() throws Exception {
        DashboardPage page = signedIn("security");
        page.check("ssh.password-auth");
        agent.close();

        page.navigate("Plugins");

        assertThat(page.awaitText("The agent cannot be reached.")).contains("Check that it is running");
        assertThat(page.button("Try again").isDisplayed()).isTrue();
    }

    @Test
    void rateLimitedSignInShowsRetryTime() {
        DashboardPage page = openBrowser("en-US");
        page.open("security");

        // The agent allows 5 failed sign-ins a minute and rejects the sixth with 429 and Retry-After.
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(page.submitTokenAndAwaitAnswer("wrong-token-" + attempt + "-0000000000000000000000"))
                    .as("answer to wrong token %d", attempt).contains("The token is wrong");
        }
        String answer = page.submitTokenAndAwaitAnswer("wrong-token-6-0000000000000000000000");

        assertThat(answer).containsPattern("Too many requests\\. Try again at .+ \\(in \\d+ sec\\)\\.");
        assertThat(page.driver().findElement(By.cssSelector("form.signin-form button")).isEnabled()).isFalse();
    }

    @Test
    void requestsGoOnlyToAgent() throws Exception {
        DashboardPage page = signedIn("security");
        visitEveryView(page);
        page.chooseLanguage("Русский");
        page.awaitHeading("Плагины");

        // Chromium serves chrome:// and data: URLs itself, such as its new tab page before the first
        // navigation. Every URL that reaches the network must go to the agent.
        List<String> urls = browser.requestedUrls().stream()
                .filter(url -> List.of("http", "https", "ws", "wss", "ftp").contains(url.substring(0, Math.max(0, url.indexOf(':')))))
                .toList();

        assertThat(urls).isNotEmpty();
        assertThat(urls).allSatisfy(url -> {
            URI uri = URI.create(url);
            assertThat(uri.getScheme()).isEqualTo("http");
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(uri.getPort()).isEqualTo(URI.create(baseUrl).getPort());
        });
        assertThat(urls).anyMatch(url -> url.endsWith("/api/plugins")).anyMatch(url -> url.endsWith("/assets/i18n/ru.js"));
    }

    @Test
    void viewsLogNoConsoleErrors() {
        DashboardPage page = signedIn("security");
        visitEveryView(page);
        page.chooseLanguage("Русский");
        page.awaitHeading("Плагины");
        page.navigate("Безопасность");
        page.awaitLoaded();

        List<LogEntry> problems = browser.consoleEntries().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();

        assertThat(problems).isEmpty();
    }

    @Test
    void dictionariesHaveSameKeys() {
        DashboardPage page = openBrowser("en-US");
        page.open("security");
        page.awaitSignIn();

        Object missing = page.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('/assets/i18n/en.js'), import('/assets/i18n/ru.js')]).then(([en, ru]) => {
                  const a = Object.keys(en.default), b = Object.keys(ru.default);
                  done(a.filter(k => !b.includes(k)).map(k => 'ru lacks ' + k)
                    .concat(b.filter(k => !a.includes(k)).map(k => 'en lacks ' + k)));
                }, error => done(['import failed: ' + error]));
                """);

        assertThat((List<?>) missing).isEmpty();
    }

    @Test
    void phoneWidthNeedsNoSideScroll() throws Exception {
        startAgent();
        assertThat(LoginHook.to(baseUrl, hookKey).post("deploy", "2001:db8:85a3::8a2e:370:7334", Instant.now())).isEqualTo(201);
        DashboardPage page = signedIn("security");
        browser.emulateViewport(ChromiumBrowser.PHONE, true);

        for (String view : List.of("Security", "Logins", "Alerts", "Plugins")) {
            page.navigate(view);
            page.awaitLoaded();
            Number overflow = (Number) page.driver().executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).as("horizontal overflow of %s in pixels", view).isLessThanOrEqualTo(0);
            screenshot(view.toLowerCase() + "-phone");
        }
    }

    /** Starts the agent unless a test started its own, then a browser that prefers {@code language}. */
    private DashboardPage openBrowser(String language) {
        try {
            if (agent == null) {
                startAgent();
            }
            browser = ChromiumBrowser.start(work.resolve("chromium-profile"), ChromiumBrowser.DESKTOP, language);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the agent or Chromium in " + work, e);
        }
        return new DashboardPage(browser, baseUrl);
    }

    /** Opens the dashboard at {@code route} in an English browser and signs in. */
    private DashboardPage signedIn(String route) {
        DashboardPage page = openBrowser("en-US");
        page.open(route);
        page.signIn(AgentProcess.TOKEN);
        return page;
    }

    private static void visitEveryView(DashboardPage page) {
        for (String view : List.of("Security", "Logins", "Alerts", "Plugins")) {
            page.navigate(view);
            page.awaitLoaded();
        }
    }

    /** Starts the agent on the fixture root, with Telegram at {@code telegramApiUrl}. */
    private void startAgent(String telegramApiUrl) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("HOST_ROOT", work.resolve("root").toString());
        settings.put("PLUGINS_DIR", pluginsWithOneBroken().toString());
        settings.put("HOOK_KEY_FILE", work.resolve("hook.key").toString());
        settings.put("SERVER_NAME", "web-01");
        settings.put("TELEGRAM_BOT_TOKEN", BOT_TOKEN);
        settings.put("TELEGRAM_CHAT_ID", CHAT_ID);
        settings.put("TELEGRAM_API_URL", telegramApiUrl);
        agent = AgentProcess.prepare(work, settings).start();
        baseUrl = agent.baseUrl();
    }

    private void startAgent() throws Exception {
        startAgent(telegram.url());
    }

    /** Adds a trusted network through the API, as another operator session would. */
    private void addTrustedNetwork(String network, String note) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/trusted-networks"))
                .header("Authorization", "Bearer " + AgentProcess.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"network\": \"" + network + "\", \"note\": \"" + note + "\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private Path screenshot(String name) throws IOException {
        browser.driver().executeScript("document.activeElement?.blur()");
        return browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
    }

    private static void copyForReadme(String name) throws IOException {
        String target = System.getProperty("miniops.readmeScreenshots", "");
        if (target.isBlank()) {
            return;
        }
        Path directory = Files.createDirectories(Path.of(target));
        Files.copy(SCREENSHOTS.resolve(name + ".png"), directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Copies the bundled plugins and adds a jar that is not a zip, so one plugin fails to load. */
    private Path pluginsWithOneBroken() throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Stream<Path> jars = Files.list(AgentProcess.distribution().resolve("plugins"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        Files.writeString(plugins.resolve("broken-plugin.jar"), "this is not a zip file");
        return plugins;
    }
}
