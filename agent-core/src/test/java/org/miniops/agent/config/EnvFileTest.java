package org.miniops.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {

    @TempDir
    Path dir;

    @Test
    void plainAssignmentIsRead() throws IOException {
        Map<String, String> values = read("APP_PORT=3000\n");

        assertThat(values).containsExactly(Map.entry("APP_PORT", "3000"));
    }

    @Test
    void exportPrefixIsAccepted() throws IOException {
        Map<String, String> values = read("export APP_HOST=0.0.0.0\nexport\tAPP_PORT=8080\n");

        assertThat(values).containsEntry("APP_HOST", "0.0.0.0").containsEntry("APP_PORT", "8080");
    }

    @Test
    void blankLinesAndCommentsAreSkipped() throws IOException {
        Map<String, String> values = read("# Mini-Ops settings\n\n   \n  # indented comment\nAPP_PORT=3000\n");

        assertThat(values).containsOnlyKeys("APP_PORT");
    }

    @Test
    void inlineCommentAfterWhitespaceIsDropped() throws IOException {
        Map<String, String> values = read("APP_PORT=3000 # the dashboard port\nAPP_HOST=127.0.0.1\t# loopback only\n");

        assertThat(values).containsEntry("APP_PORT", "3000").containsEntry("APP_HOST", "127.0.0.1");
    }

    @Test
    void hashInsideUnquotedValueIsKept() throws IOException {
        Map<String, String> values = read("ACME_URL=https://example.org/page#section\nACME_KEY=abc#def\n");

        assertThat(values).containsEntry("ACME_URL", "https://example.org/page#section").containsEntry("ACME_KEY", "abc#def");
    }

    @Test
    void doubleQuotedValueKeepsHashAndSpaces() throws IOException {
        Map<String, String> values = read("SERVER_NAME=\"web 1 # primary\" # trailing comment\n");

        assertThat(values).containsEntry("SERVER_NAME", "web 1 # primary");
    }

    @Test
    void doubleQuotedValueUnescapesBackslashSequences() throws IOException {
        Map<String, String> values = read("ACME_TEXT=\"say \\\"hi\\\"\\nnext\\tcol \\\\ end\"\n");

        assertThat(values).containsEntry("ACME_TEXT", "say \"hi\"\nnext\tcol \\ end");
    }

    @Test
    void singleQuotedValueIsLiteral() throws IOException {
        Map<String, String> values = read("ACME_PATTERN='a\\nb $HOME # not a comment'\n");

        assertThat(values).containsEntry("ACME_PATTERN", "a\\nb $HOME # not a comment");
    }

    @Test
    void spacesAroundEqualsAreTrimmed() throws IOException {
        Map<String, String> values = read("APP_PORT = 3000\n");

        assertThat(values).containsEntry("APP_PORT", "3000");
    }

    @Test
    void emptyValueIsEmptyString() throws IOException {
        Map<String, String> values = read("TRUSTED_PROXIES=\n");

        assertThat(values).containsEntry("TRUSTED_PROXIES", "");
    }

    @Test
    void windowsLineEndingsAreStripped() throws IOException {
        Map<String, String> values = read("APP_PORT=3000\r\nAUTH_TOKEN=\"quoted\"\r\nSERVER_NAME=web1 # note\r\n");

        assertThat(values).containsEntry("APP_PORT", "3000")
                .containsEntry("AUTH_TOKEN", "quoted")
                .containsEntry("SERVER_NAME", "web1");
    }

    @Test
    void byteOrderMarkIsIgnored() throws IOException {
        Map<String, String> values = read("\uFEFFAPP_PORT=3000\n");

        assertThat(values).containsOnlyKeys("APP_PORT");
    }

    @Test
    void laterAssignmentWins() throws IOException {
        Map<String, String> values = read("APP_PORT=3000\nAPP_PORT=4000\n");

        assertThat(values).containsEntry("APP_PORT", "4000");
    }

    @Test
    void lineWithoutEqualsNamesFileAndLine() throws IOException {
        Path file = write("APP_PORT=3000\n\nthis-line-has-no-equals\n");

        assertThatThrownBy(() -> EnvFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":3")
                .hasMessageContaining("KEY=value");
    }

    @Test
    void malformedLineIsNotEchoed() throws IOException {
        String pastedToken = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        Path file = write("APP_PORT=3000\n" + pastedToken + "\n");

        assertThatThrownBy(() -> EnvFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":2")
                .hasMessageNotContaining(pastedToken)
                .hasMessageNotContaining("9f86d081");
    }

    @Test
    void invalidKeyIsNotEchoed() throws IOException {
        // A base64 token pasted without its key: the text before '=' is the secret itself.
        String pastedToken = "3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
        Path file = write(pastedToken + "\n");

        assertThatThrownBy(() -> EnvFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":1")
                .hasMessageNotContaining("3q2+7w");
    }

    @Test
    void keyStartingWithDigitIsRejected() throws IOException {
        Path file = write("1APP_PORT=3000\n");

        assertThatThrownBy(() -> EnvFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":1")
                .hasMessageContaining("letters, digits and underscores");
    }

    @Test
    void unclosedQuoteNamesLineWithoutValue() throws IOException {
        Path file = write("AUTH_TOKEN=\"s3cr3t-value-never-closed\n");

        assertThatThrownBy(() -> EnvFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":1")
                .hasMessageContaining("never closed")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void textAfterClosingQuoteIsRejected() throws IOException {
        Path file = write("AUTH_TOKEN='abc'def\n");

        assertThatThrownBy(() -> EnvFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":1")
                .hasMessageNotContaining("abc")
                .hasMessageNotContaining("def");
    }

    private Map<String, String> read(String content) throws IOException {
        return EnvFile.read(write(content));
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
