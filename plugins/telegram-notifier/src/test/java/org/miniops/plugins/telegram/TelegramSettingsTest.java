package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.miniops.api.PluginSettings;

class TelegramSettingsTest {

    private static final String TOKEN = FakeBotApi.TOKEN;

    @Test
    void validSettingsAreConfigured() {
        TelegramNotifier notifier = new TelegramNotifier();

        assertThat(notifier.isConfigured(settings(TOKEN, "-1001234567890", null))).isTrue();
        assertThat(TelegramNotifier.configurationProblem(settings(TOKEN, "-1001234567890", null))).isEmpty();
    }

    @Test
    void emptySettingsAreNotConfigured() {
        assertThat(new TelegramNotifier().isConfigured(PluginSettings.empty())).isFalse();
        assertThat(TelegramNotifier.configurationProblem(PluginSettings.empty())).get().asString()
                .startsWith("TELEGRAM_BOT_TOKEN is not set.").contains("@BotFather");
    }

    @Test
    void missingChatIdNamesGetUpdates() {
        assertThat(problem(TOKEN, null, null))
                .startsWith("TELEGRAM_CHAT_ID is not set.").contains("getUpdates").contains("message.chat.id");
    }

    @Test
    void blankTokenCountsAsMissing() {
        assertThat(problem("   ", "-1001234567890", null)).startsWith("TELEGRAM_BOT_TOKEN is not set.");
    }

    @Test
    void botPrefixIsNamed() {
        assertThat(problem("bot" + TOKEN, "-1001234567890", null)).contains("it starts with 'bot'");
    }

    @Test
    void pastedUrlIsNamed() {
        assertThat(problem("https://api.telegram.org/bot" + TOKEN, "-1001234567890", null)).contains("a URL");
    }

    @Test
    void quotedTokenIsNamed() {
        assertThat(problem("\"" + TOKEN + "\"", "-1001234567890", null)).contains("spaces or quotes");
    }

    @Test
    void tokenWithoutColonIsNamed() {
        assertThat(problem("123456ABCdefghijklmnopqrstuvwxyz0123456789", "-1001234567890", null))
                .contains("no ':' between the bot id and the key");
    }

    @Test
    void nonNumericBotIdIsNamed() {
        assertThat(problem("abc:ABCdefghijklmnopqrstuvwxyz0123456789", "-1001234567890", null))
                .contains("the part before ':' is not the numeric bot id");
    }

    @Test
    void shortKeyIsNamed() {
        assertThat(problem("123456:ABCdef", "-1001234567890", null))
                .contains("the part after ':' has 6 characters, expected about 35");
    }

    @Test
    void invalidKeyCharactersAreNamed() {
        assertThat(problem("123456:ABCdefghijklmnopqrstuvwxyz012345678+", "-1001234567890", null))
                .contains("characters other than letters, digits, '_' and '-'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bot123456:ABCdefghijklmnopqrstuvwxyz0123456789", "123456:ABCdef",
            "123456:ABCdefghijklmnopqrstuvwxyz012345678+", "x123456:ABCdefghijklmnopqrstuvwxyz0123456789",
            "123456:ABCdefghijklmnopqrstuvwxyz0123456789 ABCdefghijklmnopqrstuvwxyz0123456789"})
    void tokenProblemNeverRepeatsToken(String token) {
        String key = token.substring(token.indexOf(':') + 1);

        assertThat(problem(token, "-1001234567890", null)).doesNotContain(key);
    }

    @Test
    void realTokenShapeIsAccepted() {
        assertThat(TelegramNotifier.configurationProblem(
                settings("7123456789:AAH4kP9xQ2mV7wL0sR3tY6uZ1bN8cD5eF_g", "123456789", null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "-123456789", "-1001234567890", "@miniops_alerts", "@abcd"})
    void plausibleChatIdsAreAccepted(String chatId) {
        assertThat(TelegramSettings.read(settings(TOKEN, chatId, null)).chatId()).isEqualTo(chatId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "12.5", "-100 123", "@", "@1abc", "t.me/miniops", "+123", "@abc"})
    void implausibleChatIdsAreRejected(String chatId) {
        assertThat(problem(TOKEN, chatId, null)).startsWith("TELEGRAM_CHAT_ID '" + chatId + "' is neither a numeric chat id");
    }

    @Test
    void channelNameWithoutAtSuggestsAt() {
        assertThat(problem(TOKEN, "miniops_alerts", null)).contains("For a public channel, write @miniops_alerts");
    }

    @Test
    void chatIdIsStripped() {
        assertThat(TelegramSettings.read(settings(TOKEN, " -1001234567890 ", null)).chatId()).isEqualTo("-1001234567890");
    }

    @Test
    void apiUrlDefaultsToPublicBotApi() {
        assertThat(TelegramSettings.read(settings(TOKEN, "1", null)).apiUrl()).isEqualTo("https://api.telegram.org");
    }

    @Test
    void apiUrlLosesTrailingSlash() {
        assertThat(TelegramSettings.read(settings(TOKEN, "1", "http://127.0.0.1:8081/")).apiUrl())
                .isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void apiUrlKeepsBasePath() {
        assertThat(TelegramSettings.read(settings(TOKEN, "1", "https://proxy.example.net/telegram/")).apiUrl())
                .isEqualTo("https://proxy.example.net/telegram");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.telegram.org", "ftp://api.telegram.org", "https://api.telegram.org/?x=1",
            "https://api.telegram.org/#top"})
    void invalidApiUrlIsRejected(String apiUrl) {
        assertThat(problem(TOKEN, "1", apiUrl)).startsWith("TELEGRAM_API_URL '" + apiUrl + "' is not an http:// or https:// URL");
    }

    @Test
    void apiUrlWithTokenIsRejectedWithoutEcho() {
        String problem = problem(TOKEN, "1", "https://api.telegram.org/bot" + TOKEN);

        assertThat(problem).startsWith("TELEGRAM_API_URL contains /bot<token>.");
        assertThat(problem).doesNotContain(TOKEN.substring(7));
    }

    @Test
    void clearTextOnlyForRemoteHttp() {
        assertThat(TelegramSettings.read(settings(TOKEN, "1", "http://bot-api.internal:8081")).sendsTokenInClear()).isTrue();
        assertThat(TelegramSettings.read(settings(TOKEN, "1", "http://127.0.0.1:8081")).sendsTokenInClear()).isFalse();
        assertThat(TelegramSettings.read(settings(TOKEN, "1", "http://[::1]:8081")).sendsTokenInClear()).isFalse();
        assertThat(TelegramSettings.read(settings(TOKEN, "1", null)).sendsTokenInClear()).isFalse();
    }

    @Test
    void implausibleSettingIsLoggedOnce() {
        TelegramNotifier notifier = new TelegramNotifier();

        try (LogCapture logs = new LogCapture()) {
            notifier.isConfigured(settings(TOKEN, "chat", null));
            notifier.isConfigured(settings(TOKEN, "chat", null));

            assertThat(logs.messages()).hasSize(1);
            assertThat(logs.messages().getFirst()).startsWith("Telegram notifier is not configured: TELEGRAM_CHAT_ID 'chat'");
        }
    }

    @Test
    void absentSettingsAreNotLogged() {
        try (LogCapture logs = new LogCapture()) {
            new TelegramNotifier().isConfigured(PluginSettings.of(Map.of("SERVER_NAME", "prod_db")));

            assertThat(logs.messages()).isEmpty();
        }
    }

    private static String problem(String token, String chatId, String apiUrl) {
        return TelegramNotifier.configurationProblem(settings(token, chatId, apiUrl)).orElseThrow();
    }

    private static PluginSettings settings(String token, String chatId, String apiUrl) {
        Map<String, String> values = new HashMap<>();
        if (token != null) {
            values.put("TELEGRAM_BOT_TOKEN", token);
        }
        if (chatId != null) {
            values.put("TELEGRAM_CHAT_ID", chatId);
        }
        if (apiUrl != null) {
            values.put("TELEGRAM_API_URL", apiUrl);
        }
        return PluginSettings.of(values);
    }
}
