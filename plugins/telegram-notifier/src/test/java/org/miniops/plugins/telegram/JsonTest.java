package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesTelegramErrorEnvelope() {
        Map<String, Object> envelope = Json.parseObject("""
                {"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat",
                 "parameters":{"migrate_to_chat_id":-1001234567890}}""");

        assertThat(envelope.get("ok")).isEqualTo(Boolean.FALSE);
        assertThat(envelope.get("error_code")).isEqualTo(new BigDecimal("400"));
        assertThat(envelope.get("description")).isEqualTo("Bad Request: group chat was upgraded to a supergroup chat");
        assertThat(envelope.get("parameters")).isEqualTo(Map.of("migrate_to_chat_id", new BigDecimal("-1001234567890")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void parsesArraysNullAndEscapes() {
        Map<String, Object> object = Json.parseObject(
                "{ \"a\" : [1, 2.5e1, true, null, \"x\"], \"s\": \"tab\\there \\u00e9\\ud83d\\udd34 \\\"q\\\" \\/\" }");

        assertThat((List<Object>) object.get("a")).containsExactly(new BigDecimal("1"), new BigDecimal("2.5e1"), true, null, "x");
        assertThat(object.get("s")).isEqualTo("tab\there é🔴 \"q\" /");
    }

    @Test
    void quoteEscapesQuotesBackslashesAndControls() {
        assertThat(Json.quote("a\"b\\c\nd\u0001<&>🔴")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001<&>🔴\"");
    }

    @Test
    void quotedTextParsesBack() {
        String text = "line 1\nline \"2\"\t\\ \u0000 🔴";

        assertThat(Json.parseObject("{\"t\":" + Json.quote(text) + "}").get("t")).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":1.}",
            "{\"a\":tru}", "{\"a\":\"x}", "{\"a\":\"\\q\"}", "{\"a\":1} x", "<html>Bad Gateway</html>",
            "{\"a\":\"\\u12\"}"})
    void malformedInputIsRejected(String text) {
        assertThatThrownBy(() -> Json.parseObject(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid JSON at offset ");
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";

        assertThatThrownBy(() -> Json.parseObject(deep)).hasMessageContaining("nesting deeper than 64");
    }
}
