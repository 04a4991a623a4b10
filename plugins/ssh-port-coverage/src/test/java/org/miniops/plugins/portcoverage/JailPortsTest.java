package org.miniops.plugins.portcoverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JailPortsTest {

    @TempDir
    Path root;

    private ServiceNames names;

    @BeforeEach
    void readServices() throws Exception {
        names = ServiceNames.read(new FixtureRoot(root).filesOnly());
    }

    private JailPorts ports(String value) {
        return JailPorts.of(value, List.of("iptables-multiport"), names);
    }

    @Test
    void serviceNameSshMeans22() {
        assertThat(ports("ssh").covers(22)).isTrue();
        assertThat(ports("ssh").covers(2222)).isFalse();
    }

    @Test
    void commaListCoversEachItem() {
        JailPorts ports = ports("ssh,2222");

        assertThat(ports.covers(22)).isTrue();
        assertThat(ports.covers(2222)).isTrue();
        assertThat(ports.describe()).isEqualTo("22, 2222");
    }

    @Test
    void colonRangeCoversItsPorts() {
        JailPorts ports = ports("0:65535");

        assertThat(ports.covers(2222)).isTrue();
        assertThat(ports.describe()).isEqualTo("0-65535");
    }

    @Test
    void rangeMayUseServiceNames() {
        assertThat(ports("ssh:http").covers(80)).isTrue();
        assertThat(ports("ssh:http").covers(81)).isFalse();
    }

    @Test
    void dashedServiceNameIsNotARange() {
        assertThat(ports("http-alt").covers(8080)).isTrue();
    }

    @Test
    void nftablesDashRangeIsRead() {
        assertThat(ports("2000-3000").covers(2222)).isTrue();
    }

    @Test
    void spacesAroundItemsAreIgnored() {
        assertThat(ports("ssh, 2222").covers(2222)).isTrue();
    }

    @Test
    void unknownNameIsUnresolved() {
        JailPorts ports = ports("ssh,sftp-alt");

        assertThat(ports.unresolved()).containsExactly("sftp-alt");
        assertThat(ports.covers(22)).isTrue();
    }

    @Test
    void portAbove65535IsUnresolved() {
        assertThat(ports("70000").unresolved()).containsExactly("70000");
    }

    @Test
    void allPortsActionCoversEveryPort() {
        JailPorts ports = JailPorts.of("ssh", List.of("iptables-allports", "sendmail-whois"), names);

        assertThat(ports.covers(2222)).isTrue();
        assertThat(ports.describe()).isEqualTo("every port (action iptables-allports blocks the whole address)");
    }

    @Test
    void ufwActionCoversEveryPort() {
        assertThat(JailPorts.of("ssh", List.of("ufw"), names).covers(2222)).isTrue();
    }

    @Test
    void mailActionDoesNotWidenPorts() {
        assertThat(JailPorts.of("ssh", List.of("iptables-multiport", "sendmail-whois-lines"), names).covers(2222)).isFalse();
    }
}
