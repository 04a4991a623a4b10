package org.miniops.plugins.telegram;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.miniops.api.PluginSettings;

/**
 * Local stand-in for the Telegram Bot API's sendMessage on a {@link MockWebServer}.
 *
 * <p>It responds like Telegram: 404 for a path without the known token, 400 "can't parse entities"
 * for HTML that Telegram would reject, 400 "message is too long" beyond 4096 characters, 400 "chat
 * not found" for an unknown chat, and 400 with {@code migrate_to_chat_id} for a migrated group.
 * Tests can replace the response to any request by its number, for outages and rate limits.
 */
final class FakeBotApi implements AutoCloseable {

    static final String TOKEN = "123456:ABC-test-token-value_xyz0123456789abcdef";
    static final String CHAT_ID = "-1001234567890";

    /** A message Telegram accepted: the chat, the HTML as sent and the text a reader reads. */
    record Message(String chatId, String html, String text) {
    }

    private final MockWebServer server = new MockWebServer();
    private final Set<String> chats = ConcurrentHashMap.newKeySet();
    private final Map<String, String> migratedChats = new ConcurrentHashMap<>();
    private final Map<Integer, MockResponse> overrides = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Message> accepted = new CopyOnWriteArrayList<>();
    private final List<String> requestBodies = new CopyOnWriteArrayList<>();

    FakeBotApi() throws IOException {
        chats.add(CHAT_ID);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return respond(request);
            }
        });
        server.start();
    }

    /** Settings that point the notifier at this server, with the test token and chat. */
    PluginSettings settings() {
        return settings(CHAT_ID);
    }

    PluginSettings settings(String chatId) {
        return PluginSettings.of(Map.of(
                "TELEGRAM_BOT_TOKEN", TOKEN,
                "TELEGRAM_CHAT_ID", chatId,
                "TELEGRAM_API_URL", baseUrl()));
    }

    String baseUrl() {
        return server.url("/").toString();
    }

    /** Adds a chat the bot may post to, besides {@link #CHAT_ID}. */
    void addChat(String chatId) {
        chats.add(chatId);
    }

    /** Makes {@code from} a basic group that became the supergroup {@code to}. */
    void migrate(String from, String to) {
        migratedChats.put(from, to);
        chats.add(to);
    }

    /** Responds to the {@code number}th request (counting from 1) with {@code response}, without delivering it. */
    void respondTo(int number, MockResponse response) {
        overrides.put(number, response);
    }

    /** Responds to the next {@code count} requests that have no response set yet with {@code response}. */
    void respondToNext(int count, MockResponse response) {
        int last = Math.max(requests.get(), overrides.keySet().stream().mapToInt(Integer::intValue).max().orElse(0));
        for (int i = 1; i <= count; i++) {
            respondTo(last + i, response);
        }
    }

    int requestCount() {
        return requests.get();
    }

    List<Message> accepted() {
        return List.copyOf(accepted);
    }

    List<String> requestBodies() {
        return List.copyOf(requestBodies);
    }

    MockWebServer server() {
        return server;
    }

    private MockResponse respond(RecordedRequest request) {
        int number = requests.incrementAndGet();
        ByteString bytes = request.getBody();
        requestBodies.add(bytes == null ? "" : bytes.string(StandardCharsets.UTF_8));
        MockResponse override = overrides.remove(number);
        if (override != null) {
            return override;
        }

        if (!request.getUrl().encodedPath().equals("/bot" + TOKEN + "/sendMessage") || !"POST".equals(request.getMethod())) {
            return error(404, "Not Found", "");
        }
        Map<String, Object> body = Json.parseObject(requestBodies.getLast());
        String chatId = body.get("chat_id") instanceof BigDecimal numeric ? numeric.toPlainString() : (String) body.get("chat_id");
        String html = (String) body.get("text");
        if (!"HTML".equals(body.get("parse_mode"))) {
            return error(400, "Bad Request: the test server accepts parse_mode HTML only", "");
        }

        var htmlError = TelegramHtmlParser.error(html);
        if (htmlError.isPresent()) {
            return error(400, htmlError.get(), "");
        }
        String text = TelegramHtmlParser.plainText(html);
        if (text.length() > MessageSplitter.MAX_LENGTH) {
            return error(400, "Bad Request: message is too long", "");
        }
        if (migratedChats.containsKey(chatId)) {
            return error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                    ",\"parameters\":{\"migrate_to_chat_id\":" + migratedChats.get(chatId) + "}");
        }
        if (!chats.contains(chatId)) {
            return error(400, "Bad Request: chat not found", "");
        }

        accepted.add(new Message(chatId, html, text));
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"ok\":true,\"result\":{\"message_id\":" + number + ",\"chat\":{\"id\":"
                        + (chatId.startsWith("@") ? Json.quote(chatId) : chatId) + "}}}")
                .build();
    }

    /** Builds a Bot API error envelope; {@code extra} is appended to the JSON object, such as parameters. */
    static MockResponse error(int status, String description, String extra) {
        return new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", "application/json")
                .body("{\"ok\":false,\"error_code\":" + status + ",\"description\":" + Json.quote(description) + extra + "}")
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
