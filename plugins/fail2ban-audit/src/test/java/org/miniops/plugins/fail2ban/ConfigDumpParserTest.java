package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.miniops.plugins.fail2ban.Fixtures.resource;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Dumps recorded with fail2ban-client 1.0.2 on Debian 12. */
class ConfigDumpParserTest {

    private static JailConfiguration parse(String name) throws Fail2BanConfigException {
        return ConfigDumpParser.parse(resource(name + ".txt"), resource(name + ".stderr.txt"), "fail2ban-client -d");
    }

    @Test
    void debianStockEnablesOnlySshd() throws Exception {
        JailConfiguration configuration = parse("dump-debian-stock");

        assertThat(configuration.effectiveJails()).extracting(JailConfig::name).containsExactly("sshd");
    }

    @Test
    void jailCarriesBackendActionAndPort() throws Exception {
        JailConfig sshd = parse("dump-debian-stock").jail("sshd").orElseThrow();

        assertThat(sshd.backend()).isEqualTo("auto");
        assertThat(sshd.actions()).containsExactly("iptables-multiport");
        assertThat(sshd.banaction()).isEqualTo("iptables-multiport");
        assertThat(sshd.port()).isEqualTo("ssh");
        assertThat(sshd.filter()).isEmpty();
    }

    @Test
    void missingLogFileWarningIsAProblem() throws Exception {
        JailConfiguration configuration = parse("dump-debian-stock");

        assertThat(configuration.problems()).containsExactly("Have not found any log file for sshd jail");
        assertThat(configuration.jail("sshd").orElseThrow().logFiles()).isEmpty();
    }

    @Test
    void logPathIsRead() throws Exception {
        JailConfig sshd = parse("dump-config-error").jail("sshd").orElseThrow();

        assertThat(sshd.logFiles()).containsExactly("/var/log/mini-ops-fixture/auth.log");
        assertThat(sshd.port()).isEqualTo("2222");
        assertThat(sshd.backend()).isEqualTo("polling");
    }

    @Test
    void configErrorSkipsTheJail() throws Exception {
        JailConfiguration configuration = parse("dump-config-error");

        JailConfig custom = configuration.jail("custom").orElseThrow();
        assertThat(custom.isEffective()).isFalse();
        assertThat(custom.configError()).isEqualTo("Unable to read the filter 'does-not-exist'");
        assertThat(configuration.effectiveJails()).extracting(JailConfig::name).containsExactly("sshd");
    }

    @Test
    void failedStreamCarriesTheClientError() {
        assertThatThrownBy(() -> parse("dump-bad-substitution"))
                .isInstanceOf(Fail2BanConfigException.class)
                .hasMessageContaining("Bad value substitution: option 'action' in section 'sshd' contains an interpolation key"
                        + " 'nosuchoption'");
    }

    @Test
    void singleActionParameterUsesSetLine() throws Exception {
        String stream = String.join("\n",
                "['add', 'sshd', 'polling']",
                "['set', 'sshd', 'addaction', 'ufw']",
                "['set', 'sshd', 'action', 'ufw', 'port', '2222']",
                "['start', 'sshd']");

        JailConfig sshd = ConfigDumpParser.parse(stream, "", "fail2ban-client -d").jail("sshd").orElseThrow();

        assertThat(sshd.port()).isEqualTo("2222");
        assertThat(sshd.isEffective()).isTrue();
    }

    @Test
    void jailWithoutStartIsNotEffective() throws Exception {
        JailConfiguration configuration = ConfigDumpParser.parse("['add', 'sshd', 'auto']\n", "", "fail2ban-client -d");

        assertThat(configuration.effectiveJails()).isEmpty();
    }

    @Test
    void emptyStreamHasNoJails() throws Exception {
        String stream = "['set', 'loglevel', 'INFO']\n['set', 'dbpurgeage', '1d']\n";

        assertThat(ConfigDumpParser.parse(stream, "", "fail2ban-client -d").jails()).isEqualTo(List.of());
    }
}
