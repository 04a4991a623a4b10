package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.miniops.api.DeliveryException;
import org.miniops.api.PluginSettings;

/** The bot token is in every request URL, so no failure, cause or log line may show it. */
class TokenSecrecyTest {

    private static final String KEY = FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1);

    /** Ways a delivery fails. Each prepares the fake and returns the settings to deliver with. */
    enum Failure {
        CONNECTION_REFUSED(telegram -> {
            PluginSettings settings = telegram.settings();
            telegram.close();
            return settings;
        }),
        CONNECTION_DROPPED(telegram -> respondToFirst(telegram,
                new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build())),
        TIMEOUT(telegram -> respondToFirst(telegram,
                new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{\"ok\":true}").build())),
        SERVER_ERROR(telegram -> respondToFirst(telegram, FakeBotApi.error(500, "Internal Server Error", ""))),
        PROXY_ECHOES_URL(telegram -> respondToFirst(telegram, FakeBotApi.error(502,
                "upstream failed for POST /bot" + FakeBotApi.TOKEN + "/sendMessage", ""))),
        RATE_LIMIT(telegram -> respondToFirst(telegram,
                FakeBotApi.error(429, "Too Many Requests: retry after 3", ",\"parameters\":{\"retry_after\":3}"))),
        UNAUTHORIZED(telegram -> respondToFirst(telegram, FakeBotApi.error(401, "Unauthorized", ""))),
        FORBIDDEN(telegram -> respondToFirst(telegram, FakeBotApi.error(403, "Forbidden: bot was blocked by the user", ""))),
        CHAT_NOT_FOUND(telegram -> telegram.settings("-1009999999999")),
        PARSE_ERROR(telegram -> respondToFirst(telegram, FakeBotApi.error(400, "Bad Request: can't parse entities", ""))),
        WRONG_PATH(telegram -> PluginSettings.of(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
                "TELEGRAM_CHAT_ID", FakeBotApi.CHAT_ID, "TELEGRAM_API_URL", telegram.baseUrl() + "wrong"))),
        REDIRECT(telegram -> respondToFirst(telegram, new MockResponse.Builder().code(302)
                .setHeader("Location", telegram.baseUrl() + "bot" + FakeBotApi.TOKEN + "/sendMessage").build()));

        private final Function<FakeBotApi, PluginSettings> prepare;

        Failure(Function<FakeBotApi, PluginSettings> prepare) {
            this.prepare = prepare;
        }

        private static PluginSettings respondToFirst(FakeBotApi telegram, MockResponse response) {
            telegram.respondTo(1, response);
            return telegram.settings();
        }
    }

    private FakeBotApi telegram;

    @BeforeEach
    void startTelegram() throws IOException {
        telegram = new FakeBotApi();
    }

    @AfterEach
    void stopTelegram() {
        telegram.close();
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void tokenAbsentFromFailure(Failure kind) {
        PluginSettings settings = kind.prepare.apply(telegram);
        TelegramNotifier notifier = new TelegramNotifier(TelegramDeliveryTest.SHORT);

        DeliveryException failure;
        try (LogCapture logs = new LogCapture()) {
            failure = catchThrowableOfType(DeliveryException.class,
                    () -> notifier.deliver(TestAlerts.passwordLoginFailed("a1"), settings));
            assertThat(logs.messages()).allSatisfy(message -> assertThat(message).doesNotContain(KEY));
        }

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).doesNotContain(KEY);
        assertThat(failure.toString()).doesNotContain(KEY);
        assertThat(stackTrace(failure)).doesNotContain(KEY);
    }

    @Test
    void clientFailureNamingUrlIsScrubbed() {
        TelegramNotifier notifier = notifierFailingWith(url -> new IOException("cannot reach " + url,
                new IOException("while posting to " + url)));

        DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                () -> notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings()));

        assertThat(failure.getMessage()).contains("cannot reach " + telegram.baseUrl() + "bot<token>/sendMessage");
        assertThat(stackTrace(failure)).doesNotContain(KEY).contains("while posting to");
    }

    @Test
    void unexpectedClientErrorNamingUrlIsScrubbed() {
        TelegramNotifier notifier = notifierFailingWith(url -> new IllegalStateException("bad state for " + url));

        DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                () -> notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings()));

        assertThat(failure.isMisconfigured()).isFalse();
        assertThat(stackTrace(failure)).doesNotContain(KEY).contains("IllegalStateException: bad state for");
    }

    @Test
    void settingsProblemOmitsToken() {
        String token = "bot" + FakeBotApi.TOKEN;
        PluginSettings settings = PluginSettings.of(Map.of("TELEGRAM_BOT_TOKEN", token, "TELEGRAM_CHAT_ID", "chat"));

        assertThat(TelegramNotifier.configurationProblem(settings)).get().asString().doesNotContain(KEY);
    }

    @Test
    void settingsToStringOmitsToken() {
        TelegramSettings settings = TelegramSettings.read(telegram.settings());

        assertThat(settings.toString()).doesNotContain(KEY).contains("<token>");
    }

    /** Returns a notifier whose HTTP client fails every call with {@code failure}, given the request URL. */
    private static TelegramNotifier notifierFailingWith(Function<String, ? extends Exception> failure) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder().addInterceptor(chain -> {
            Exception thrown = failure.apply(chain.request().url().toString());
            if (thrown instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) thrown;
        });
        return new TelegramNotifier(new BotApiClient(builder, TelegramDeliveryTest.SHORT));
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
