package org.miniops.plugins.telegram;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Bot API response to one request: the HTTP status and the fields of Telegram's JSON envelope
 * {@code {"ok": false, "error_code": 400, "description": "...", "parameters": {...}}}.
 *
 * @param httpStatus the HTTP status code
 * @param ok the envelope's {@code ok}, or false when the body is not Telegram JSON
 * @param description Telegram's error text, such as "Bad Request: chat not found", or empty when the
 *        body is not Telegram JSON
 * @param retryAfter {@code parameters.retry_after}, or the {@code Retry-After} header of a proxy
 * @param migrateToChatId {@code parameters.migrate_to_chat_id}, the new id of a group that became a supergroup
 * @param location the {@code Location} header of a redirect
 */
record BotApiReply(int httpStatus, boolean ok, String description, Optional<Duration> retryAfter,
                   Optional<String> migrateToChatId, Optional<String> location) {

    /**
     * Fragments of 400 descriptions that mean the chat setting is wrong or the bot may not post
     * there. NOTE: Telegram does not document its description texts, so a reworded one falls back
     * to a retryable failure.
     */
    private static final List<String> CHAT_PROBLEMS = List.of(
            "chat not found", "chat_id is empty", "user not found", "peer_id_invalid",
            "not enough rights", "need administrator rights", "have no rights", "chat_write_forbidden",
            "chat_restricted", "bot was kicked", "bot is not a member");

    /** Upper bound for a requested delay, so a broken proxy cannot park alerts for years; one day. */
    private static final BigDecimal MAX_RETRY_AFTER_SECONDS = BigDecimal.valueOf(86_400);

    /** Parses a response; a body that is not a JSON object leaves only the HTTP status. */
    static BotApiReply parse(int httpStatus, String body, String retryAfterHeader, String location) {
        Map<String, Object> envelope;
        try {
            envelope = Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            envelope = Map.of();
        }

        boolean ok = Boolean.TRUE.equals(envelope.get("ok"));
        String description = envelope.get("description") instanceof String text ? text : "";
        Map<?, ?> parameters = envelope.get("parameters") instanceof Map<?, ?> map ? map : Map.of();
        Optional<Duration> retryAfter = wholeNumber(parameters.get("retry_after"))
                .or(() -> headerSeconds(retryAfterHeader))
                .filter(seconds -> seconds.signum() >= 0)
                .map(seconds -> Duration.ofSeconds(seconds.min(MAX_RETRY_AFTER_SECONDS).longValueExact()));
        Optional<String> migrateTo = wholeNumber(parameters.get("migrate_to_chat_id")).map(BigDecimal::toPlainString);
        return new BotApiReply(httpStatus, ok, description, retryAfter, migrateTo, Optional.ofNullable(location));
    }

    /** Returns whether Telegram took the message. */
    boolean isAccepted() {
        return httpStatus / 100 == 2 && ok;
    }

    boolean isRedirect() {
        return httpStatus / 100 == 3;
    }

    /** Returns whether the token is wrong: the Bot API returns 401 for a revoked or mistyped token. */
    boolean rejectsToken() {
        return httpStatus == 401;
    }

    /**
     * Returns whether the request path is wrong: the Bot API returns 404 for a token of the
     * wrong shape, and so does any other server behind {@code TELEGRAM_API_URL} for a wrong base path.
     */
    boolean rejectsPath() {
        return httpStatus == 404;
    }

    /** Returns whether the chat is wrong or closed to the bot (403: blocked, kicked, not a member). */
    boolean rejectsChat() {
        if (httpStatus == 403) {
            return true;
        }
        String text = description.toLowerCase(Locale.ROOT);
        return httpStatus == 400 && CHAT_PROBLEMS.stream().anyMatch(text::contains);
    }

    /** Returns Telegram's description, or the HTTP status when the body was not Telegram JSON. */
    String describe() {
        return description.isBlank()
                ? "HTTP " + httpStatus + " without a Bot API error description"
                : "HTTP " + httpStatus + " " + description;
    }

    private static Optional<BigDecimal> wholeNumber(Object value) {
        if (value instanceof BigDecimal number && number.stripTrailingZeros().scale() <= 0) {
            return Optional.of(number.setScale(0));
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> headerSeconds(String header) {
        if (header == null || !header.strip().matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(header.strip()));
    }
}
