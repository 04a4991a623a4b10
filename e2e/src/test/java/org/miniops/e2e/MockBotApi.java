package org.miniops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Stand-in for the Telegram Bot API's {@code sendMessage}: checks HTML the way Telegram does,
 * can be taken down, and can respond to the next request with {@code 429} and {@code retry_after}.
 */
final class MockBotApi implements AutoCloseable {

    /** Tags Telegram's HTML parse mode accepts; any other {@code <} must arrive as {@code &lt;}. */
    private static final Set<String> TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "a", "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji");
    private static final Pattern TAG = Pattern.compile("</?([a-z-]+)(\\s[^>]*)?>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#\\d+|#x[0-9a-fA-F]+);");

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final List<Message> accepted = new CopyOnWriteArrayList<>();
    private final List<Instant> rejectedAt = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile int retryAfterSeconds;

    MockBotApi() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start();
    }

    /** Returns the base URL to put in TELEGRAM_API_URL. */
    String url() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** Makes every request fail with 502, like an outage between the agent and Telegram. */
    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    /** Responds to the next request with 429 and {@code retry_after}. */
    void throttleNext(int seconds) {
        retryAfterSeconds = seconds;
    }

    /** Messages accepted so far, in arrival order, with the HTML entities decoded. */
    List<Message> accepted() {
        return List.copyOf(accepted);
    }

    /** Times of the 429 responses. */
    List<Instant> throttledAt() {
        return List.copyOf(rejectedAt);
    }

    /** Waits until at least {@code count} messages were accepted. */
    List<Message> awaitAccepted(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepted.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return accepted();
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse answer(RecordedRequest request) {
        if (down) {
            return new MockResponse.Builder().code(502).body("Bad Gateway").build();
        }
        if (!request.getUrl().encodedPath().matches("/bot\\d+:[A-Za-z0-9_-]+/sendMessage")) {
            return error(404, "Not Found");
        }
        if (retryAfterSeconds > 0) {
            int seconds = retryAfterSeconds;
            retryAfterSeconds = 0;
            rejectedAt.add(Instant.now());
            return new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
                    .body("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " + seconds
                            + "\",\"parameters\":{\"retry_after\":" + seconds + "}}").build();
        }
        JsonNode body;
        try {
            body = json.readTree(request.getBody() == null ? "" : request.getBody().utf8());
        } catch (IOException e) {
            return error(400, "Bad Request: message text is empty");
        }
        String text = body.path("text").asText();
        String problem = htmlProblem(text);
        if (problem != null) {
            return error(400, "Bad Request: can't parse entities: " + problem);
        }
        accepted.add(new Message(body.path("chat_id").asText(), decode(text), Instant.now()));
        return new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("{\"ok\":true,\"result\":{\"message_id\":" + accepted.size() + "}}").build();
    }

    private MockResponse error(int code, String description) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body("{\"ok\":false,\"error_code\":" + code + ",\"description\":\"" + description.replace("\"", "\\\"") + "\"}").build();
    }

    /** Returns why Telegram would reject {@code text} in HTML mode, or null when it parses. */
    static String htmlProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                Matcher tag = TAG.matcher(text).region(i, text.length());
                if (!tag.lookingAt() || !TAGS.contains(tag.group(1))) {
                    return "Unsupported start tag at byte offset " + i;
                }
                i = tag.end() - 1;
            } else if (c == '&') {
                Matcher entity = ENTITY.matcher(text).region(i, text.length());
                if (!entity.lookingAt()) {
                    return "Unsupported entity at byte offset " + i;
                }
            } else if (c == '>') {
                return "Unexpected end tag at byte offset " + i;
            }
        }
        return null;
    }

    private static String decode(String html) {
        String withoutTags = html.replaceAll("</?[a-z-]+(\\s[^>]*)?>", "");
        return withoutTags.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /**
     * One message Telegram would have shown.
     *
     * @param chatId the chat it went to
     * @param text its text as shown, tags removed and entities decoded
     * @param receivedAt when the mock accepted it
     */
    record Message(String chatId, String text, Instant receivedAt) {
    }

    /** Returns the accepted messages whose text contains {@code fragment}. */
    List<Message> containing(String fragment) {
        List<Message> matching = new ArrayList<>();
        for (Message message : accepted) {
            if (message.text().contains(fragment)) {
                matching.add(message);
            }
        }
        return matching;
    }
}
