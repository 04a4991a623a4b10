package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miniops.api.DeliveryException;
import org.miniops.api.PluginSettings;

class TelegramFailureTest {

    private FakeBotApi telegram;
    private TelegramNotifier notifier;

    @BeforeEach
    void startTelegram() throws IOException {
        telegram = new FakeBotApi();
        notifier = new TelegramNotifier(TelegramDeliveryTest.SHORT);
    }

    @AfterEach
    void stopTelegram() {
        telegram.close();
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        telegram.respondTo(1, FakeBotApi.error(429, "Too Many Requests: retry after 7", ",\"parameters\":{\"retry_after\":7}"));

        DeliveryException failure = deliverFailing();

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(failure.isMisconfigured()).isFalse();
        assertThat(failure.getMessage()).contains("Too Many Requests: retry after 7").contains("at least 7 s");
    }

    @Test
    void rateLimitFromProxyUsesRetryAfterHeader() {
        telegram.respondTo(1, new MockResponse.Builder().code(429).setHeader("Retry-After", "12").body("slow down").build());

        DeliveryException failure = deliverFailing();

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void alertAfterRateLimitArrivesOnce() throws Exception {
        telegram.respondTo(1, FakeBotApi.error(429, "Too Many Requests: retry after 1", ",\"parameters\":{\"retry_after\":1}"));
        deliverFailing();

        notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings());

        assertThat(telegram.accepted()).hasSize(1);
    }

    @Test
    void chatNotFoundIsMisconfigured() {
        DeliveryException failure = deliverFailing(telegram.settings("-1009999999999"));

        assertThat(failure.isMisconfigured()).isTrue();
        assertThat(failure.getMessage())
                .startsWith("Telegram cannot post to TELEGRAM_CHAT_ID -1009999999999: HTTP 400 Bad Request: chat not found.");
    }

    @Test
    void unauthorizedIsMisconfigured() {
        telegram.respondTo(1, FakeBotApi.error(401, "Unauthorized", ""));

        DeliveryException failure = deliverFailing();

        assertThat(failure.isMisconfigured()).isTrue();
        assertThat(failure.getMessage())
                .startsWith("Telegram rejected TELEGRAM_BOT_TOKEN: HTTP 401 Unauthorized.")
                .contains("@BotFather");
    }

    @Test
    void blockedBotIsMisconfigured() {
        telegram.respondTo(1, FakeBotApi.error(403, "Forbidden: bot was blocked by the user", ""));

        DeliveryException failure = deliverFailing();

        assertThat(failure.isMisconfigured()).isTrue();
        assertThat(failure.getMessage()).contains("HTTP 403 Forbidden: bot was blocked by the user");
    }

    @Test
    void missingPostingRightsIsMisconfigured() {
        telegram.respondTo(1, FakeBotApi.error(400, "Bad Request: not enough rights to send text messages to the chat", ""));

        DeliveryException failure = deliverFailing();

        assertThat(failure.isMisconfigured()).isTrue();
    }

    @Test
    void wrongApiPathIsMisconfigured() {
        PluginSettings wrongPath = PluginSettings.of(Map.of(
                "TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
                "TELEGRAM_CHAT_ID", FakeBotApi.CHAT_ID,
                "TELEGRAM_API_URL", telegram.baseUrl() + "telegram"));

        DeliveryException failure = deliverFailing(wrongPath);

        assertThat(failure.isMisconfigured()).isTrue();
        assertThat(failure.getMessage()).contains("HTTP 404 Not Found").contains("TELEGRAM_API_URL");
    }

    @Test
    void redirectIsNotFollowed() {
        String elsewhere = "https://proxy.example.net/bot" + FakeBotApi.TOKEN + "/sendMessage";
        telegram.respondTo(1, new MockResponse.Builder().code(301).setHeader("Location", elsewhere).build());

        DeliveryException failure = deliverFailing();

        assertThat(failure.isMisconfigured()).isTrue();
        assertThat(failure.getMessage()).contains("redirect to https://proxy.example.net/bot<token>/sendMessage");
        assertThat(telegram.requestCount()).isEqualTo(1);
    }

    @Test
    void entityParseErrorIsRetryable() {
        telegram.respondTo(1, FakeBotApi.error(400,
                "Bad Request: can't parse entities: Unsupported start tag \"admin@example.org\" at byte offset 42", ""));

        DeliveryException failure = deliverFailing();

        assertThat(failure.isMisconfigured()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.getMessage()).contains("can't parse entities");
    }

    @Test
    void serverErrorIsRetryable() {
        telegram.respondTo(1, FakeBotApi.error(502, "Bad Gateway", ""));

        DeliveryException failure = deliverFailing();

        assertThat(failure.isMisconfigured()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("Telegram did not accept the alert: HTTP 502 Bad Gateway");
    }

    @Test
    void proxyErrorPageIsRetryable() {
        telegram.respondTo(1, new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());

        DeliveryException failure = deliverFailing();

        assertThat(failure.isMisconfigured()).isFalse();
        assertThat(failure.getMessage()).contains("HTTP 503 without a Bot API error description");
    }

    @Test
    void refusedConnectionIsRetryable() {
        PluginSettings settings = telegram.settings();
        telegram.close();

        DeliveryException failure = deliverFailing(settings);

        assertThat(failure.isMisconfigured()).isFalse();
        assertThat(failure.getMessage()).startsWith("Telegram Bot API at http://").contains("ConnectException");
        assertThat(failure.getCause()).isInstanceOf(IOException.class);
    }

    @Test
    void droppedConnectionIsRetryable() {
        telegram.respondTo(1, new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

        DeliveryException failure = deliverFailing();

        assertThat(failure.isMisconfigured()).isFalse();
    }

    @Test
    void slowResponseTimesOut() {
        telegram.respondTo(1, new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{\"ok\":true}").build());

        long started = System.nanoTime();
        DeliveryException failure = deliverFailing();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(failure.isMisconfigured()).isFalse();
        assertThat(failure.getMessage()).containsIgnoringCase("timeout");
    }

    @Test
    void implausibleSettingsAreMisconfigured() {
        PluginSettings settings = PluginSettings.of(Map.of("TELEGRAM_BOT_TOKEN", "bot" + FakeBotApi.TOKEN,
                "TELEGRAM_CHAT_ID", FakeBotApi.CHAT_ID, "TELEGRAM_API_URL", telegram.baseUrl()));

        DeliveryException failure = deliverFailing(settings);

        assertThat(failure.isMisconfigured()).isTrue();
        assertThat(failure.getMessage()).contains("starts with 'bot'");
        assertThat(telegram.requestCount()).isZero();
    }

    private DeliveryException deliverFailing() {
        return deliverFailing(telegram.settings());
    }

    private DeliveryException deliverFailing(PluginSettings settings) {
        return catchThrowableOfType(DeliveryException.class,
                () -> notifier.deliver(TestAlerts.passwordLoginFailed("a1"), settings));
    }
}
