package org.miniops.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLineTest {

    private static ConfigLine parse(String text) throws ConfigSyntaxException {
        return ConfigLine.parse(text).orElseThrow(() -> new AssertionError("'" + text + "' parsed as blank or comment"));
    }

    @Test
    void spaceSeparatesKeywordFromValue() throws Exception {
        ConfigLine line = parse("PasswordAuthentication no");

        assertThat(line.keyword()).isEqualTo("PasswordAuthentication");
        assertThat(line.arguments()).containsExactly("no");
    }

    @Test
    void equalsSignSeparatesKeywordFromValue() throws Exception {
        ConfigLine line = parse("PasswordAuthentication=no");

        assertThat(line.keyword()).isEqualTo("PasswordAuthentication");
        assertThat(line.arguments()).containsExactly("no");
    }

    @Test
    void equalsSignWithSpacesSeparatesKeywordFromValue() throws Exception {
        ConfigLine line = parse("PermitRootLogin = no");

        assertThat(line.keyword()).isEqualTo("PermitRootLogin");
        assertThat(line.arguments()).containsExactly("no");
    }

    @Test
    void secondEqualsSignBelongsToValue() throws Exception {
        assertThat(parse("PermitRootLogin==no").arguments()).containsExactly("=no");
    }

    @Test
    void tabsSeparateWords() throws Exception {
        ConfigLine line = parse("Subsystem\tsftp\t/usr/lib/openssh/sftp-server");

        assertThat(line.keyword()).isEqualTo("Subsystem");
        assertThat(line.arguments()).containsExactly("sftp", "/usr/lib/openssh/sftp-server");
    }

    @Test
    void carriageReturnOfCrlfIsIgnored() throws Exception {
        assertThat(parse("PasswordAuthentication no\r").arguments()).containsExactly("no");
    }

    @Test
    void leadingWhitespaceIsIgnored() throws Exception {
        assertThat(parse(" \t PasswordAuthentication no").keyword()).isEqualTo("PasswordAuthentication");
    }

    @Test
    void doubleQuotesKeepSpacesInValue() throws Exception {
        assertThat(parse("Include \"/etc/ssh/my dir/*.conf\" other.conf").arguments())
                .containsExactly("/etc/ssh/my dir/*.conf", "other.conf");
    }

    @Test
    void singleQuotesAreRemoved() throws Exception {
        assertThat(parse("PasswordAuthentication 'no'").arguments()).containsExactly("no");
    }

    @Test
    void quotedKeywordLosesQuotes() throws Exception {
        assertThat(parse("\"PasswordAuthentication\" no").keyword()).isEqualTo("PasswordAuthentication");
    }

    @Test
    void backslashEscapesSpace() throws Exception {
        assertThat(parse("Banner /etc/issue\\ net").arguments()).containsExactly("/etc/issue net");
    }

    @Test
    void trailingCommentEndsLine() throws Exception {
        assertThat(parse("PasswordAuthentication yes # enabled for now").arguments()).containsExactly("yes");
    }

    @Test
    void hashInsideWordIsNotComment() throws Exception {
        assertThat(parse("PasswordAuthentication yes#note").arguments()).containsExactly("yes#note");
    }

    @Test
    void commentLineIsSkipped() throws Exception {
        assertThat(ConfigLine.parse("#PasswordAuthentication yes")).isEmpty();
        assertThat(ConfigLine.parse("   # indented comment")).isEmpty();
    }

    @Test
    void blankLineIsSkipped() throws Exception {
        assertThat(ConfigLine.parse("")).isEmpty();
        assertThat(ConfigLine.parse(" \t\r")).isEmpty();
    }

    @Test
    void keywordWithoutArgumentIsRejected() {
        assertThatThrownBy(() -> ConfigLine.parse("PasswordAuthentication"))
                .isInstanceOf(ConfigSyntaxException.class)
                .hasMessage("no argument after keyword \"PasswordAuthentication\"");
    }

    @Test
    void keywordWithOnlyEqualsSignIsRejected() {
        assertThatThrownBy(() -> ConfigLine.parse("PasswordAuthentication ="))
                .isInstanceOf(ConfigSyntaxException.class);
    }

    @Test
    void unterminatedQuoteIsRejected() {
        assertThatThrownBy(() -> ConfigLine.parse("Banner \"/etc/issue"))
                .isInstanceOf(ConfigSyntaxException.class)
                .hasMessage("invalid quotes");
    }

    @Test
    void commentOnlyArgumentsLeaveNoArguments() throws Exception {
        assertThat(parse("PasswordAuthentication # nothing").arguments()).isEmpty();
    }

    @Test
    void matchWordsSplitOnEqualsSign() {
        assertThat(ConfigLine.splitWords("User=deploy Address 10.0.0.0/8")).isEqualTo(List.of("User", "deploy", "Address", "10.0.0.0/8"));
    }
}
