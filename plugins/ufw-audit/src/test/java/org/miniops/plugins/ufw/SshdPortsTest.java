package org.miniops.plugins.ufw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshdPortsTest {

    @TempDir
    Path root;

    private Observed<List<Integer>> read() {
        return SshdPorts.read(Host.of(root, CommandRunner.disabled(), true));
    }

    @Test
    void configWithoutPortUsesDefault22() {
        Fixtures.write(root, "/etc/ssh/sshd_config", "#Port 22\nPermitRootLogin no\n");

        assertThat(read().value()).containsExactly(22);
        assertThat(read().source()).isEqualTo("Port 22 (OpenSSH default)");
    }

    @Test
    void everyPortLineAdds() {
        Fixtures.write(root, "/etc/ssh/sshd_config", "Port 2222\nport=22\n");

        assertThat(read().value()).containsExactly(22, 2222);
        assertThat(read().source()).isEqualTo("Port 2222 (/etc/ssh/sshd_config:1), Port 22 (/etc/ssh/sshd_config:2)");
    }

    @Test
    void includedDropInAddsPort() {
        Fixtures.write(root, "/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\n");
        Fixtures.write(root, "/etc/ssh/sshd_config.d/50-port.conf", "Port 2222\n");

        assertThat(read().value()).containsExactly(2222);
    }

    @Test
    void relativeIncludeResolvesAgainstEtcSsh() {
        Fixtures.write(root, "/etc/ssh/sshd_config", "Include sshd_config.d/*.conf\n");
        Fixtures.write(root, "/etc/ssh/sshd_config.d/port.conf", "Port 2200\n");

        assertThat(read().value()).containsExactly(2200);
    }

    @Test
    void listenAddressesWithPortsReplacePortLines() {
        Fixtures.write(root, "/etc/ssh/sshd_config", "Port 22\nListenAddress 0.0.0.0:2222\nListenAddress [::]:2223\n");

        assertThat(read().value()).containsExactly(2222, 2223);
    }

    @Test
    void listenAddressWithoutPortUsesPortLines() {
        Fixtures.write(root, "/etc/ssh/sshd_config", "Port 2022\nListenAddress 192.0.2.10\nListenAddress [::1]:2223\n");

        assertThat(read().value()).containsExactly(2022, 2223);
    }

    @Test
    void portAfterMatchIsIgnored() {
        Fixtures.write(root, "/etc/ssh/sshd_config", "Port 2222\nMatch User backup\n    Port 9999\n");

        assertThat(read().value()).containsExactly(2222);
    }

    @Test
    void missingConfigMeansNoSshd() {
        assertThat(read().value()).isEmpty();
        assertThat(read().source()).contains("not found");
    }

    @Test
    void unreadableConfigIsMissing() throws Exception {
        Files.createDirectories(root.resolve("etc/ssh/sshd_config"));

        assertThat(read().known()).isFalse();
        assertThat(read().problem()).contains("/etc/ssh/sshd_config");
    }
}
