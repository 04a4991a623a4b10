package org.miniops.plugins.telegram;

import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.miniops.api.PluginSettings;

/**
 * Checked Telegram settings: bot token, target chat and Bot API base URL.
 *
 * @param token the bot token
 * @param chatId a numeric chat id (negative for groups and channels) or a {@code @channelusername}
 * @param apiUrl the Bot API base URL without a trailing slash, for example {@code https://api.telegram.org}
 */
record TelegramSettings(BotToken token, String chatId, String apiUrl) {

    static final String BOT_TOKEN = "TELEGRAM_BOT_TOKEN";
    static final String CHAT_ID = "TELEGRAM_CHAT_ID";
    static final String API_URL = "TELEGRAM_API_URL";
    static final String DEFAULT_API_URL = "https://api.telegram.org";

    /** Numeric chat id: users are positive, basic groups negative, supergroups and channels -100.... */
    private static final Pattern NUMERIC_CHAT_ID = Pattern.compile("-?[1-9][0-9]{0,19}");

    /** Public channel or supergroup username: a letter, then letters, digits or '_', 4 to 32 in all. */
    private static final Pattern CHANNEL_USERNAME = Pattern.compile("@[A-Za-z][A-Za-z0-9_]{3,31}");

    /**
     * Reads and checks the settings.
     *
     * @throws IllegalArgumentException when a setting is missing or implausible. The message names
     *         the key and the fix and never contains the token
     */
    static TelegramSettings read(PluginSettings settings) {
        String token = settings.get(BOT_TOKEN).orElseThrow(() -> new IllegalArgumentException(
                BOT_TOKEN + " is not set. Create a bot with @BotFather (/newbot) and set " + BOT_TOKEN
                        + " to the token it shows"));
        String chatId = settings.get(CHAT_ID).orElseThrow(() -> new IllegalArgumentException(
                CHAT_ID + " is not set. Send your bot a message, open https://api.telegram.org/bot<token>/getUpdates"
                        + " and set " + CHAT_ID + " to message.chat.id"));
        String apiUrl = settings.get(API_URL, DEFAULT_API_URL);
        BotToken botToken = BotToken.parse(token);
        return new TelegramSettings(botToken, checkChatId(chatId.strip()), checkApiUrl(apiUrl.strip(), botToken));
    }

    /** Returns whether requests go over plain HTTP to another machine, which exposes the token on the way. */
    boolean sendsTokenInClear() {
        HttpUrl url = HttpUrl.get(apiUrl);
        String host = url.host().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
        return !url.isHttps() && !loopback;
    }

    private static String checkChatId(String chatId) {
        if (NUMERIC_CHAT_ID.matcher(chatId).matches() || CHANNEL_USERNAME.matcher(chatId).matches()) {
            return chatId;
        }
        String hint = chatId.matches("[A-Za-z][A-Za-z0-9_]{3,31}")
                ? ". For a public channel, write @" + chatId
                : "";
        throw new IllegalArgumentException(CHAT_ID + " '" + chatId + "' is neither a numeric chat id"
                + " (for example 123456789, or -1001234567890 for a group) nor a @channelusername" + hint
                + ". Read the id from message.chat.id in https://api.telegram.org/bot<token>/getUpdates");
    }

    private static String checkApiUrl(String apiUrl, BotToken token) {
        HttpUrl url = HttpUrl.parse(apiUrl);
        if (url == null || url.query() != null || url.fragment() != null) {
            throw new IllegalArgumentException(API_URL + " '" + token.scrub(apiUrl) + "' is not an http:// or https://"
                    + " URL without query or fragment. Leave it empty for " + DEFAULT_API_URL
                    + ", or set the base URL of your local Bot API server, for example http://127.0.0.1:8081");
        }
        // A pasted request URL would put a second token in the path, and echoing it would leak it.
        if (url.pathSegments().stream().anyMatch(segment -> segment.matches("bot[0-9]+(:|%3A).*"))) {
            throw new IllegalArgumentException(API_URL + " contains /bot<token>. Set only the base URL, for example "
                    + DEFAULT_API_URL + ". The plugin adds the token from " + BOT_TOKEN + " itself");
        }
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
