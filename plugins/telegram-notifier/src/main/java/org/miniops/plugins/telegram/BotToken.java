package org.miniops.plugins.telegram;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Telegram bot token, the secret that @BotFather issues as {@code <bot id>:<key>}.
 *
 * <p>The Bot API takes the token as part of the request path, so every URL the plugin builds contains
 * it. {@link #scrub} removes it from any text before that text reaches a message, a log line or an
 * exception, and {@link #toString} never shows it.
 */
final class BotToken {

    static final String PLACEHOLDER = "<token>";

    /**
     * Shape of a token as @BotFather shows it: the numeric bot id, a colon and a key of 35
     * characters from {@code [A-Za-z0-9_-]}. The key length is checked loosely (30 to 64) because
     * Telegram documents no fixed length.
     */
    private static final Pattern SHAPE = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{30,64}");

    private final String value;

    private BotToken(String value) {
        this.value = value;
    }

    /**
     * Parses the value of {@code TELEGRAM_BOT_TOKEN}.
     *
     * @throws IllegalArgumentException when the value does not look like a bot token. The message
     *         names the part that is wrong without repeating any of the value
     */
    static BotToken parse(String raw) {
        String token = raw.strip();
        if (SHAPE.matcher(token).matches()) {
            return new BotToken(token);
        }
        throw new IllegalArgumentException("TELEGRAM_BOT_TOKEN is not a bot token: " + describeMismatch(token)
                + ". Set it to the token @BotFather shows after /newbot (or /mybots, API Token),"
                + " for example 123456789:AAH... The value is not shown because it is a secret");
    }

    /** Returns the token for building a request URL; nothing else may use it. */
    String value() {
        return value;
    }

    /** Returns {@code text} with the token and its key part replaced by {@value #PLACEHOLDER}. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String key = value.substring(value.indexOf(':') + 1);
        return text.replace(value, PLACEHOLDER)
                .replace(value.replace(":", "%3A"), PLACEHOLDER)
                .replace(value.replace(":", "%3a"), PLACEHOLDER)
                .replace(key, PLACEHOLDER);
    }

    /**
     * Returns a copy of {@code failure} and its causes as plain {@link IOException}s with scrubbed
     * messages and the original stack traces, safe to attach as the cause of a delivery error.
     */
    IOException scrub(Throwable failure) {
        IOException cause = failure.getCause() == null || failure.getCause() == failure
                ? null
                : scrub(failure.getCause());
        IOException copy = new IOException(failure.getClass().getName() + ": " + scrub(failure.getMessage()), cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    @Override
    public String toString() {
        return "BotToken[" + PLACEHOLDER + "]";
    }

    private static String describeMismatch(String token) {
        if (token.startsWith("bot") && token.length() > 3 && Character.isDigit(token.charAt(3))) {
            return "it starts with 'bot', which belongs to the API URL, not to the token";
        }
        if (token.contains("://") || token.contains("/")) {
            return "it contains a URL or a '/'";
        }
        if (token.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
            return "it contains spaces or quotes";
        }
        int colon = token.indexOf(':');
        if (colon < 0) {
            return "it has no ':' between the bot id and the key";
        }
        if (!token.substring(0, colon).matches("[0-9]{1,20}")) {
            return "the part before ':' is not the numeric bot id";
        }
        String key = token.substring(colon + 1);
        if (!key.matches("[A-Za-z0-9_-]*")) {
            return "the part after ':' contains characters other than letters, digits, '_' and '-'";
        }
        return "the part after ':' has " + key.length() + " characters, expected about 35";
    }
}
