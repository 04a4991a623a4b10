package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BotApiReplyTest {

    @Test
    void okReplyIsAccepted() {
        BotApiReply reply = BotApiReply.parse(200, "{\"ok\":true,\"result\":{\"message_id\":5}}", null, null);

        assertThat(reply.isAccepted()).isTrue();
    }

    @Test
    void okFalseWith200IsNotAccepted() {
        assertThat(BotApiReply.parse(200, "{\"ok\":false}", null, null).isAccepted()).isFalse();
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        BotApiReply reply = BotApiReply.parse(429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 35\","
                        + "\"parameters\":{\"retry_after\":35}}", null, null);

        assertThat(reply.retryAfter()).contains(Duration.ofSeconds(35));
        assertThat(reply.describe()).isEqualTo("HTTP 429 Too Many Requests: retry after 35");
    }

    @Test
    void bodyRetryAfterWinsOverHeader() {
        BotApiReply reply = BotApiReply.parse(429, "{\"ok\":false,\"parameters\":{\"retry_after\":5}}", "60", null);

        assertThat(reply.retryAfter()).contains(Duration.ofSeconds(5));
    }

    @Test
    void absurdRetryAfterIsCappedAtOneDay() {
        BotApiReply reply = BotApiReply.parse(429, "{\"ok\":false,\"parameters\":{\"retry_after\":1e30}}", null, null);

        assertThat(reply.retryAfter()).contains(Duration.ofDays(1));
    }

    @Test
    void fractionalRetryAfterIsIgnored() {
        BotApiReply reply = BotApiReply.parse(429, "{\"ok\":false,\"parameters\":{\"retry_after\":1.5}}", "x", null);

        assertThat(reply.retryAfter()).isEmpty();
    }

    @Test
    void migrationKeepsFullChatId() {
        BotApiReply reply = BotApiReply.parse(400, "{\"ok\":false,\"error_code\":400,"
                + "\"description\":\"Bad Request: group chat was upgraded to a supergroup chat\","
                + "\"parameters\":{\"migrate_to_chat_id\":-1001987654321}}", null, null);

        assertThat(reply.migrateToChatId()).contains("-1001987654321");
        assertThat(reply.rejectsChat()).isFalse();
    }

    @Test
    void chatProblemsRejectChat() {
        assertThat(reply(400, "Bad Request: chat not found").rejectsChat()).isTrue();
        assertThat(reply(400, "Bad Request: need administrator rights in the channel chat").rejectsChat()).isTrue();
        assertThat(reply(403, "Forbidden: bot was kicked from the group chat").rejectsChat()).isTrue();
        assertThat(reply(403, "Forbidden: bot can't initiate conversation with a user").rejectsChat()).isTrue();
    }

    @Test
    void otherBadRequestsDoNotRejectChat() {
        assertThat(reply(400, "Bad Request: can't parse entities: Unsupported start tag").rejectsChat()).isFalse();
        assertThat(reply(400, "Bad Request: message is too long").rejectsChat()).isFalse();
    }

    @Test
    void nonJsonBodyKeepsStatusOnly() {
        BotApiReply reply = BotApiReply.parse(502, "<html><body>502 Bad Gateway</body></html>", null, null);

        assertThat(reply.ok()).isFalse();
        assertThat(reply.description()).isEmpty();
        assertThat(reply.describe()).isEqualTo("HTTP 502 without a Bot API error description");
    }

    @Test
    void statusClassesAreRecognised() {
        assertThat(reply(401, "Unauthorized").rejectsToken()).isTrue();
        assertThat(reply(404, "Not Found").rejectsPath()).isTrue();
        assertThat(BotApiReply.parse(307, "", null, "https://elsewhere").isRedirect()).isTrue();
    }

    private static BotApiReply reply(int status, String description) {
        return BotApiReply.parse(status, "{\"ok\":false,\"error_code\":" + status + ",\"description\":"
                + Json.quote(description) + "}", null, null);
    }
}
