package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.miniops.plugins.fail2ban.Fixtures.resource;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Layouts recorded from fail2ban 1.0.2; the 0.8 and 0.9 ones follow those versions' formatting code. */
class StatusParserTest {

    @Test
    void oneJailWithOneTab() {
        assertThat(StatusParser.jailNames(resource("status-one-jail-1.0.txt"))).containsExactly("sshd");
    }

    @Test
    void commaSeparatedJails() {
        assertThat(StatusParser.jailNames(resource("status-two-jails-1.0.txt"))).containsExactly("nginx-http-auth", "sshd");
    }

    @Test
    void jailListWithTwoTabs() {
        assertThat(StatusParser.jailNames(resource("status-three-jails-0.9.txt")))
                .containsExactly("nginx-http-auth", "postfix", "sshd");
    }

    @Test
    void emptyJailList() {
        assertThat(StatusParser.jailNames(resource("status-no-jails-1.0.txt"))).isEmpty();
    }

    @Test
    void emptyJailListWithTwoTabs() {
        assertThat(StatusParser.jailNames(resource("status-no-jails-0.9.txt"))).isEmpty();
    }

    @Test
    void outputWithoutJailListIsRejected() {
        assertThatThrownBy(() -> StatusParser.jailNames("Server replied: pong\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'Jail list:' line");
    }

    @Test
    void jailCountersWithIpv4AndIpv6Bans() {
        JailStatus status = StatusParser.jail("sshd", resource("status-sshd-ipv4-ipv6-1.0.txt"));

        assertThat(status).isEqualTo(new JailStatus("sshd", 1, 4, 2, 2, List.of("192.0.2.50", "2001:db8::7"),
                List.of("/var/log/auth.log")));
    }

    @Test
    void jailWithoutBans() {
        JailStatus status = StatusParser.jail("nginx-http-auth", resource("status-nginx-no-bans-1.0.txt"));

        assertThat(status.bannedAddresses()).isEmpty();
        assertThat(status.currentlyBanned()).isZero();
        assertThat(status.files()).containsExactly("/tmp/f2bx/nginx-error.log");
    }

    @Test
    void jailCountersIn09Layout() {
        JailStatus status = StatusParser.jail("sshd", resource("status-sshd-0.9.txt"));

        assertThat(status.totalFailed()).isEqualTo(17);
        assertThat(status.bannedAddresses()).containsExactly("203.0.113.9", "2001:db8:85a3::8a2e:370:7334");
    }

    @Test
    void ipListIn08Layout() {
        JailStatus status = StatusParser.jail("ssh", resource("status-ssh-0.8.txt"));

        assertThat(status.currentlyBanned()).isEqualTo(1);
        assertThat(status.totalFailed()).isEqualTo(5);
        assertThat(status.bannedAddresses()).containsExactly("198.51.100.23");
    }

    @Test
    void journalJailHasNoFiles() {
        JailStatus status = StatusParser.jail("sshd", resource("status-sshd-journal-1.0.txt"));

        assertThat(status.files()).isEmpty();
        assertThat(status.bannedAddresses()).containsExactly("2001:db8::dead:beef");
    }

    @Test
    void evidenceNamesEveryCounter() {
        JailStatus status = StatusParser.jail("sshd", resource("status-sshd-ipv4-ipv6-1.0.txt"));

        assertThat(status.describe()).isEqualTo("sshd: currently failed 1, total failed 4, currently banned 2,"
                + " total banned 2, banned IPs 192.0.2.50 2001:db8::7");
    }

    @Test
    void unknownJailMessageIsRejected() {
        assertThatThrownBy(() -> StatusParser.jail("sshd", "Sorry but the jail 'sshd' does not exist\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
