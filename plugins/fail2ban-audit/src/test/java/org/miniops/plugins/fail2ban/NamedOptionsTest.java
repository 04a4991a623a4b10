package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedOptionsTest {

    @Test
    void plainNameHasNoOptions() {
        assertThat(NamedOptions.parse("sshd")).isEqualTo(new NamedOptions("sshd", Map.of()));
    }

    @Test
    void quotedAndBareValuesAreRead() {
        NamedOptions action = NamedOptions.parse("iptables-multiport[port=\"ssh,2222\", protocol='tcp', chain=INPUT]");

        assertThat(action.name()).isEqualTo("iptables-multiport");
        assertThat(action.options()).containsExactly(Map.entry("port", "ssh,2222"), Map.entry("protocol", "tcp"),
                Map.entry("chain", "INPUT"));
    }

    @Test
    void quotedValueMayHoldBracketsAndNewLines() {
        NamedOptions action = NamedOptions.parse("sendmail-whois-lines[logpath=\"/var/log/a\n/var/log/[b]\"]");

        assertThat(action.options()).containsEntry("logpath", "/var/log/a\n/var/log/[b]");
    }

    @Test
    void consecutiveGroupsMerge() {
        NamedOptions filter = NamedOptions.parse("sshd[mode=aggressive][maxlines=2]");

        assertThat(filter.options()).containsExactly(Map.entry("mode", "aggressive"), Map.entry("maxlines", "2"));
    }

    @Test
    void trailingCommaIsAllowed() {
        assertThat(NamedOptions.parse("sshd[mode=ddos, ]").options()).containsExactly(Map.entry("mode", "ddos"));
    }

    @Test
    void textAfterListIsRejected() {
        assertThatThrownBy(() -> NamedOptions.parse("sshd[mode=ddos] extra"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unexpected option syntax");
    }

    @Test
    void unclosedListIsRejected() {
        assertThatThrownBy(() -> NamedOptions.parse("sshd[mode=ddos"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionWithoutValueIsRejected() {
        assertThatThrownBy(() -> NamedOptions.parse("sshd[mode]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected option, wrong syntax");
    }

    @Test
    void splitSeparatesActionsOnBlanksAndNewLines() {
        String value = "iptables-multiport[port=\"ssh\", protocol=\"tcp\"]\n"
                + "           sendmail-whois[sender=\"root@example.org\", dest=\"admin example\"] dummy";

        assertThat(NamedOptions.split(value)).containsExactly("iptables-multiport[port=\"ssh\", protocol=\"tcp\"]",
                "sendmail-whois[sender=\"root@example.org\", dest=\"admin example\"]", "dummy");
    }

    @Test
    void splitKeepsBlankBeforeList() {
        assertThat(NamedOptions.split("dummy [target=/tmp/x]")).containsExactly("dummy [target=/tmp/x]");
    }
}
