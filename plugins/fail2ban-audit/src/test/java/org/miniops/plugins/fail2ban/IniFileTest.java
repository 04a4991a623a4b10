package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IniFileTest {

    private static IniFile parse(String... lines) throws Fail2BanConfigException {
        return IniFile.parse("/etc/fail2ban/jail.local", List.of(lines));
    }

    private static String value(IniFile file, String section, String option) {
        return file.sections().get(section).get(option).text();
    }

    @Test
    void optionNamesAreCaseInsensitive() throws Exception {
        IniFile file = parse("[sshd]", "Enabled = true", "LOGPATH = /var/log/auth.log");

        assertThat(file.sections().get("sshd")).containsOnlyKeys("enabled", "logpath");
    }

    @Test
    void sectionNamesKeepTheirCase() throws Exception {
        IniFile file = parse("[SSHD]", "enabled = true", "[default]", "port = 22");

        assertThat(file.sections()).containsOnlyKeys("SSHD", "default");
        assertThat(file.defaults()).isEmpty();
    }

    @Test
    void colonSeparatesLikeEquals() throws Exception {
        IniFile file = parse("[sshd]", "port: 2222", "logpath=/var/log/auth.log");

        assertThat(value(file, "sshd", "port")).isEqualTo("2222");
        assertThat(value(file, "sshd", "logpath")).isEqualTo("/var/log/auth.log");
    }

    @Test
    void firstDelimiterEndsTheName() throws Exception {
        IniFile file = parse("[sshd]", "ignoreip = 127.0.0.1/8 ::1", "action = a=b");

        assertThat(value(file, "sshd", "ignoreip")).isEqualTo("127.0.0.1/8 ::1");
        assertThat(value(file, "sshd", "action")).isEqualTo("a=b");
    }

    @Test
    void indentedLinesContinueTheValue() throws Exception {
        IniFile file = parse("[monit]", "logpath  = /var/log/monit", "           /var/log/monit.log", "port = 2812");

        assertThat(value(file, "monit", "logpath")).isEqualTo("/var/log/monit\n/var/log/monit.log");
        assertThat(value(file, "monit", "port")).isEqualTo("2812");
    }

    @Test
    void innerBlankLinesKeptTrailingDropped() throws Exception {
        IniFile file = parse("[sshd]", "logpath = /a", "", "  /b", "", "");

        assertThat(value(file, "sshd", "logpath")).isEqualTo("/a\n\n/b");
    }

    @Test
    void commentLineInsideValueIsSkipped() throws Exception {
        IniFile file = parse("[sshd]", "logpath = /a", "# not a path", "  /b");

        assertThat(value(file, "sshd", "logpath")).isEqualTo("/a\n/b");
    }

    @Test
    void indentedCommentIsAComment() throws Exception {
        IniFile file = parse("[sshd]", "port = 22", "    ; port = 2222", "    # port = 2223");

        assertThat(value(file, "sshd", "port")).isEqualTo("22");
    }

    @Test
    void semicolonAfterWhitespaceStartsInlineComment() throws Exception {
        IniFile file = parse("[sshd]", "port = 2222 ; moved from 22", "filter = sshd;mode=ddos");

        assertThat(value(file, "sshd", "port")).isEqualTo("2222");
        assertThat(value(file, "sshd", "filter")).isEqualTo("sshd;mode=ddos");
    }

    @Test
    void hashInsideLineIsPartOfTheValue() throws Exception {
        IniFile file = parse("[sshd]", "enabled = true # turned on");

        assertThat(value(file, "sshd", "enabled")).isEqualTo("true # turned on");
    }

    @Test
    void defaultSectionGoesToDefaults() throws Exception {
        IniFile file = parse("[DEFAULT]", "bantime = 1h", "[sshd]", "enabled = true");

        assertThat(file.defaults().get("bantime").text()).isEqualTo("1h");
        assertThat(file.sections()).containsOnlyKeys("sshd");
    }

    @Test
    void headerTakesTextUpToLastBracket() throws Exception {
        IniFile file = parse("[sshd] ; the stock jail", "enabled = true");

        assertThat(file.sections()).containsOnlyKeys("sshd");
    }

    @Test
    void valueRecordsItsLine() throws Exception {
        IniFile file = parse("# comment", "[sshd]", "", "enabled = true");

        assertThat(file.sections().get("sshd").get("enabled").location()).isEqualTo("/etc/fail2ban/jail.local:4");
    }

    @Test
    void duplicateOptionIsRejected() {
        assertThatThrownBy(() -> parse("[sshd]", "port = 22", "Port = 23"))
                .isInstanceOf(Fail2BanConfigException.class)
                .hasMessage("While reading from '/etc/fail2ban/jail.local' [line  3]: option 'port' in section 'sshd' already exists");
    }

    @Test
    void duplicateSectionIsRejected() {
        assertThatThrownBy(() -> parse("[sshd]", "port = 22", "[sshd]", "enabled = true"))
                .isInstanceOf(Fail2BanConfigException.class)
                .hasMessageContaining("section 'sshd' already exists");
    }

    @Test
    void defaultSectionMayRepeat() throws Exception {
        IniFile file = parse("[DEFAULT]", "bantime = 1h", "[DEFAULT]", "findtime = 10m");

        assertThat(file.defaults()).containsOnlyKeys("bantime", "findtime");
    }

    @Test
    void optionBeforeAnySectionIsRejected() {
        assertThatThrownBy(() -> parse("port = 22"))
                .isInstanceOf(Fail2BanConfigException.class)
                .hasMessageStartingWith("File contains no section headers.");
    }

    @Test
    void lineWithoutDelimiterIsRejected() {
        assertThatThrownBy(() -> parse("[sshd]", "enabled"))
                .isInstanceOf(Fail2BanConfigException.class)
                .hasMessageStartingWith("Source contains parsing errors: '/etc/fail2ban/jail.local'")
                .hasMessageContaining("[line  2]: 'enabled'");
    }
}
