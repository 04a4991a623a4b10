package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class BotTokenTest {

    private static final BotToken TOKEN = BotToken.parse(FakeBotApi.TOKEN);
    private static final String KEY = "ABC-test-token-value_xyz0123456789abcdef";

    @Test
    void scrubReplacesWholeToken() {
        assertThat(TOKEN.scrub("POST https://api.telegram.org/bot" + FakeBotApi.TOKEN + "/sendMessage"))
                .isEqualTo("POST https://api.telegram.org/bot<token>/sendMessage");
    }

    @Test
    void scrubReplacesEncodedToken() {
        assertThat(TOKEN.scrub("/bot123456%3A" + KEY + "/sendMessage")).isEqualTo("/bot<token>/sendMessage");
    }

    @Test
    void scrubReplacesKeyAlone() {
        assertThat(TOKEN.scrub("key=" + KEY)).isEqualTo("key=<token>");
    }

    @Test
    void scrubbedExceptionChainHidesToken() {
        IOException cause = new ConnectException("Failed to connect to /bot" + FakeBotApi.TOKEN);
        IOException failure = new IOException("unexpected end of stream on /bot" + FakeBotApi.TOKEN, cause);

        IOException scrubbed = TOKEN.scrub(failure);

        assertThat(scrubbed.getMessage()).isEqualTo("java.io.IOException: unexpected end of stream on /bot<token>");
        assertThat(scrubbed.getCause().getMessage()).isEqualTo("java.net.ConnectException: Failed to connect to /bot<token>");
        assertThat(scrubbed.getStackTrace()).isEqualTo(failure.getStackTrace());
    }

    @Test
    void toStringHidesToken() {
        assertThat(TOKEN.toString()).isEqualTo("BotToken[<token>]");
    }

    @Test
    void surroundingWhitespaceIsStripped() {
        assertThat(BotToken.parse("  " + FakeBotApi.TOKEN + "\n").value()).isEqualTo(FakeBotApi.TOKEN);
    }
}
