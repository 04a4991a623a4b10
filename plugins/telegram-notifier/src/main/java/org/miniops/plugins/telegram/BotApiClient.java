package org.miniops.plugins.telegram;

import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Client for the Bot API method {@code sendMessage}, over OkHttp.
 *
 * <p>Redirects are not followed, because the token is in the path and a redirect could carry it to
 * another host. OkHttp does not retry a failed connection on its own either: the agent's outbox
 * retries, and a silent second POST could post the message twice. Thread-safe.
 */
final class BotApiClient {

    /** Timeouts of one request: connecting, each read or write on the socket, and the whole call. */
    record Timeouts(Duration connect, Duration readWrite, Duration call) {

        /**
         * A few seconds each, because sendMessage typically responds within a second and a hung call
         * holds up the agent's delivery thread.
         */
        static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15));
    }

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** Upper bound for reading a response body, far above the few hundred bytes of a Bot API error. */
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final OkHttpClient http;

    BotApiClient(Timeouts timeouts) {
        this(new OkHttpClient.Builder(), timeouts);
    }

    /** Creates a client from {@code builder}, which tests use to add interceptors. */
    BotApiClient(OkHttpClient.Builder builder, Timeouts timeouts) {
        this.http = builder
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.readWrite())
                .writeTimeout(timeouts.readWrite())
                .callTimeout(timeouts.call())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * Posts {@code html} to {@code chatId} in HTML parse mode with link previews off.
     *
     * @throws IOException when the request fails or times out. Its message may contain the request
     *         URL and with it the token, so callers scrub it
     */
    BotApiReply sendMessage(TelegramSettings settings, String chatId, String html) throws IOException {
        String body = "{\"chat_id\":" + chatIdJson(chatId)
                + ",\"text\":" + Json.quote(html)
                + ",\"parse_mode\":\"HTML\""
                + ",\"disable_web_page_preview\":true}";
        Request request = new Request.Builder()
                .url(settings.apiUrl() + "/bot" + settings.token().value() + "/sendMessage")
                .post(RequestBody.create(body, JSON))
                .build();

        try (Response response = http.newCall(request).execute()) {
            return BotApiReply.parse(response.code(), response.peekBody(MAX_BODY_BYTES).string(),
                    response.header("Retry-After"), response.header("Location"));
        }
    }

    /** Formats chat_id as a JSON number for a numeric id and as a string for a @channelusername, the two forms the Bot API accepts. */
    private static String chatIdJson(String chatId) {
        return chatId.startsWith("@") ? Json.quote(chatId) : chatId;
    }
}
