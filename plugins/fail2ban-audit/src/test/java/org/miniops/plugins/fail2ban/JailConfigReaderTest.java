package org.miniops.plugins.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.miniops.plugins.fail2ban.Fixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The file reader on small fixture trees; {@link JailConfigReaderAgainstClientTest} compares it with fail2ban itself. */
class JailConfigReaderTest {

    private static final String DIR = "/etc/fail2ban";

    @TempDir
    Path root;

    @BeforeEach
    void stockLayout() {
        write(root, DIR + "/jail.conf",
                "[INCLUDES]",
                "before = paths-debian.conf",
                "[DEFAULT]",
                "enabled = false",
                "mode = normal",
                "filter = %(__name__)s[mode=%(mode)s]",
                "port = 0:65535",
                "protocol = tcp",
                "banaction = iptables-multiport",
                "action_ = %(banaction)s[port=\"%(port)s\", protocol=\"%(protocol)s\"]",
                "action = %(action_)s",
                "[sshd]",
                "port    = ssh",
                "logpath = %(sshd_log)s",
                "backend = %(sshd_backend)s",
                "[nginx-http-auth]",
                "port    = http,https",
                "logpath = /var/log/nginx/*error.log");
        write(root, DIR + "/paths-debian.conf", "[DEFAULT]", "sshd_log = /var/log/auth.log", "sshd_backend = auto");
        write(root, DIR + "/filter.d/sshd.conf", "[Definition]", "failregex = ^Failed \\S+ for .* from <HOST>");
        write(root, DIR + "/filter.d/nginx-http-auth.conf", "[Definition]", "failregex = ^ no user/password");
        write(root, DIR + "/action.d/iptables-multiport.conf", "[Definition]", "actionban = <iptables> -I f2b-<name> 1 -s <ip> -j <blocktype>");
        write(root, DIR + "/action.d/dummy.conf", "[Definition]", "actionban = true");
        write(root, "/var/log/auth.log", "");
    }

    private JailConfiguration read() throws Exception {
        return JailConfigReader.read(Fixtures.filesOnly(root), DIR);
    }

    private JailConfig sshd() throws Exception {
        return read().jail("sshd").orElseThrow();
    }

    @Test
    void jailsAreDisabledByDefault() throws Exception {
        assertThat(read().jails()).extracting(JailConfig::name).containsExactly("sshd", "nginx-http-auth");
        assertThat(read().effectiveJails()).isEmpty();
    }

    @Test
    void debianDropInEnablesSshd() throws Exception {
        write(root, DIR + "/jail.d/defaults-debian.conf", "[sshd]", "enabled = true");

        JailConfig sshd = sshd();

        assertThat(sshd.isEffective()).isTrue();
        assertThat(sshd.source()).isEqualTo(DIR + "/jail.d/defaults-debian.conf:2");
    }

    @Test
    void enabledJailCarriesItsSettings() throws Exception {
        write(root, DIR + "/jail.d/defaults-debian.conf", "[sshd]", "enabled = true");

        JailConfig sshd = sshd();

        assertThat(sshd.port()).isEqualTo("ssh");
        assertThat(sshd.filter()).isEqualTo("sshd");
        assertThat(sshd.banaction()).isEqualTo("iptables-multiport");
        assertThat(sshd.actions()).containsExactly("iptables-multiport");
        assertThat(sshd.logPaths()).containsExactly("/var/log/auth.log");
        assertThat(sshd.logFiles()).containsExactly("/var/log/auth.log");
        assertThat(sshd.backend()).isEqualTo("auto");
        assertThat(sshd.guardsSsh()).isTrue();
    }

    @Test
    void localDisablesWhatConfEnabled() throws Exception {
        write(root, DIR + "/jail.d/defaults-debian.conf", "[sshd]", "enabled = true");
        write(root, DIR + "/jail.local", "[sshd]", "enabled = false");

        assertThat(read().effectiveJails()).isEmpty();
    }

    @Test
    void dropInLocalBeatsJailLocal() throws Exception {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = true", "port = 2222");
        write(root, DIR + "/jail.d/zz.conf", "[sshd]", "port = 1111");
        write(root, DIR + "/jail.d/aa.local", "[sshd]", "port = 3333");

        assertThat(sshd().port()).isEqualTo("3333");
    }

    @Test
    void defaultInLocalAppliesToEveryJail() throws Exception {
        write(root, DIR + "/jail.local", "[DEFAULT]", "enabled = true", "banaction = dummy");
        write(root, "/var/log/nginx/error.log", "");

        JailConfiguration configuration = read();

        assertThat(configuration.effectiveJails()).extracting(JailConfig::name).containsExactly("sshd", "nginx-http-auth");
        assertThat(configuration.effectiveJails()).extracting(JailConfig::actions).containsOnly(java.util.List.of("dummy"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "true|true", "True|true", "yes|true", "on|true", "1|true",
            "false|false", "no|false", "off|false", "0|false", "enabled|false", "true # comment|false"})
    void enabledAcceptsPythonBooleanWords(String value, boolean enabled) throws Exception {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = " + value);

        assertThat(sshd().enabled()).isEqualTo(enabled);
    }

    @Test
    void missingFilterSkipsTheJail() throws Exception {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = true", "filter = sshd-custom");

        JailConfig sshd = sshd();

        assertThat(sshd.isEffective()).isFalse();
        assertThat(sshd.configError()).isEqualTo("Unable to read the filter 'sshd-custom'");
    }

    @Test
    void filterInLocalFileIsFound() throws Exception {
        write(root, DIR + "/filter.d/sshd-custom.local", "[Definition]", "failregex = x <HOST>");
        write(root, DIR + "/jail.local", "[ssh-alt]", "enabled = true", "filter = sshd-custom", "port = 2222",
                "logpath = /var/log/auth.log");

        JailConfig jail = read().jail("ssh-alt").orElseThrow();

        assertThat(jail.isEffective()).isTrue();
        assertThat(jail.guardsSsh()).isFalse();
    }

    @Test
    void jailWithSshdFilterGuardsSsh() throws Exception {
        write(root, DIR + "/jail.local", "[ssh-2222]", "enabled = true", "filter = sshd", "port = 2222",
                "logpath = /var/log/auth.log");

        assertThat(read().jail("ssh-2222").orElseThrow().guardsSsh()).isTrue();
    }

    @Test
    void missingActionSkipsTheJail() throws Exception {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = true", "banaction = shorewall-ipset");

        assertThat(sshd().configError()).isEqualTo("Unable to read action 'shorewall-ipset'");
    }

    @Test
    void invalidActionSyntaxSkipsTheJail() throws Exception {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = true", "action = dummy[port]");

        assertThat(sshd().configError()).startsWith("Invalid action definition 'dummy[port]': expected option");
    }

    @Test
    void actionNameTakesInstanceSuffix() throws Exception {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = true",
                "action = dummy[name=sshd-extra]", "   dummy[name=other]", "   dummy[actname=mine]", "   smtp.py[dest=root]");

        assertThat(sshd().actions()).containsExactly("dummy-extra", "dummy-other", "mine", "smtp");
    }

    @Test
    void missingLogFileIsAStartupProblem() throws Exception {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = true", "logpath = /var/log/secure");

        JailConfiguration configuration = read();

        assertThat(configuration.problems()).containsExactly("Have not found any log file for sshd jail");
        assertThat(configuration.jail("sshd").orElseThrow().isEffective()).isTrue();
    }

    @Test
    void journalBackendNeedsNoLogFile() throws Exception {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = true", "backend = systemd", "logpath = /var/log/secure");

        JailConfiguration configuration = read();

        assertThat(configuration.problems()).isEmpty();
        assertThat(configuration.jail("sshd").orElseThrow().readsJournal()).isTrue();
    }

    @Test
    void logPathGlobAndTailWord() throws Exception {
        write(root, "/var/log/nginx/a-error.log", "");
        write(root, "/var/log/nginx/b-error.log", "");
        write(root, DIR + "/jail.local", "[nginx-http-auth]", "enabled = true",
                "logpath = /var/log/nginx/*error.log", "          /var/log/auth.log tail");

        JailConfig nginx = read().jail("nginx-http-auth").orElseThrow();

        assertThat(nginx.logPaths()).containsExactly("/var/log/nginx/*error.log", "/var/log/auth.log");
        assertThat(nginx.logFiles()).containsExactly("/var/log/nginx/a-error.log", "/var/log/nginx/b-error.log",
                "/var/log/auth.log");
    }

    @Test
    void danglingLinkIsNoLogFile() throws Exception {
        Files.createSymbolicLink(root.resolve("var/log/secure"), Path.of("/var/log/gone.log"));
        write(root, DIR + "/jail.local", "[sshd]", "enabled = true", "logpath = /var/log/secure");

        assertThat(read().problems()).containsExactly("Have not found any log file for sshd jail");
    }

    @Test
    void brokenReferenceInEnabledJailRejectsTheConfiguration() {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = true", "port = %(sshd_port)s");

        assertThatThrownBy(this::read)
                .isInstanceOf(Fail2BanConfigException.class)
                .hasMessageContaining("option 'action' in section 'sshd' contains an interpolation key 'sshd_port'");
    }

    @Test
    void brokenReferenceInDisabledJailPortIsIgnored() throws Exception {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = false", "port = %(sshd_port)s");

        assertThat(sshd().port()).isEmpty();
    }

    @Test
    void knownFilterValueCanBeExtended() throws Exception {
        write(root, DIR + "/jail.local", "[sshd]", "enabled = true", "failregex = %(known/failregex)s", "   ^extra <HOST>");

        assertThat(sshd().isEffective()).isTrue();
    }

    @Test
    void includesSectionIsNoJail() throws Exception {
        write(root, DIR + "/jail.local", "[INCLUDES]", "after = my.local", "[sshd]", "enabled = true");

        assertThat(read().jails()).extracting(JailConfig::name).doesNotContain("INCLUDES");
    }

    @Test
    void missingDirectoryIsRejected() {
        assertThatThrownBy(() -> JailConfigReader.read(Fixtures.filesOnly(root), "/etc/fail2ban-missing"))
                .isInstanceOf(Fail2BanConfigException.class)
                .hasMessage("Base configuration directory /etc/fail2ban-missing does not exist");
    }

    @Test
    void unreadableFileIsReported() throws Exception {
        Path local = write(root, DIR + "/jail.local", "[sshd]", "enabled = true");
        Files.setPosixFilePermissions(local, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(local),
                "runs as root, who reads the file despite its mode 000");

        assertThatThrownBy(this::read).isInstanceOf(java.nio.file.AccessDeniedException.class);
    }
}
