package org.miniops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless {@code chromium} driven through {@code chromium-driver}, with its own profile
 * directory, and the page's network requests and console messages kept for assertions.
 *
 * <p>Both paths are set explicitly, so Selenium Manager never runs and never downloads a driver
 * or a browser.
 */
final class ChromiumBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Desktop window of the README screenshots. */
    static final Dimension DESKTOP = new Dimension(1280, 900);

    /** A common phone viewport in CSS pixels. */
    static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> requestedUrls = new ArrayList<>();
    private final List<LogEntry> consoleEntries = new ArrayList<>();

    private ChromiumBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Returns whether both Debian packages, chromium and chromium-driver, are installed. */
    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Starts the browser with {@code profile} as its user data directory, a window of
     * {@code size}, and {@code language} as the browser's language (for example en-US).
     */
    static ChromiumBrowser start(Path profile, Dimension size, String language) throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Files.createDirectories(profile);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(profile.resolveSibling(profile.getFileName() + "-chromedriver.log").toFile())
                .build();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                // Chromium's own background traffic (updates, sync, safe browsing) would leave the machine.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-domain-reliability",
                "--disable-client-side-phishing-detection",
                "--disable-features=Translate,OptimizationHints,MediaRouter",
                "--lang=" + language,
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + size.getWidth() + "," + size.getHeight());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));

        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);

        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        ChromiumBrowser browser = new ChromiumBrowser(driver);
        // The window size includes window decorations, so the viewport is set exactly on top of it.
        browser.emulateViewport(size, false);
        return browser;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Returns a wait of up to {@code seconds} that polls the page. */
    WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    /**
     * Sets the viewport to {@code size} CSS pixels through the DevTools protocol; with
     * {@code phone}, the page is laid out as on a phone, honouring its viewport meta tag.
     */
    void emulateViewport(Dimension size, boolean phone) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", size.getWidth(), "height", size.getHeight(), "deviceScaleFactor", 1, "mobile", phone));
    }

    /** Saves a screenshot of the viewport as {@code file}, creating its folder. */
    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        File screenshotFile = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(screenshotFile.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** Returns every URL the page requested since the browser started, from the DevTools network events. */
    List<String> requestedUrls() throws IOException {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = json.readTree(entry.getMessage()).path("message");
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                requestedUrls.add(message.path("params").path("request").path("url").asText());
            }
        }
        return List.copyOf(requestedUrls);
    }

    /** Returns every console message and page error since the browser started, CSP violations included. */
    List<LogEntry> consoleEntries() {
        consoleEntries.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return List.copyOf(consoleEntries);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
