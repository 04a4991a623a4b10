package org.miniops.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenEndpointsTest {

    private static final String CONFIG = "/etc/ssh/sshd_config";

    @TempDir
    Path tempRoot;

    private FixtureRoot fixture;

    @BeforeEach
    void createFixture() {
        fixture = new FixtureRoot(tempRoot);
    }

    private List<String> endpoints() {
        return fixture.settings().endpoints().stream().map(ListenEndpoint::endpoint).toList();
    }

    @Test
    void withoutPortSshdListensOnPort22Everywhere() {
        fixture.write(CONFIG, "UsePAM yes");

        assertThat(endpoints()).containsExactly("[::]:22", "0.0.0.0:22");
    }

    @Test
    void everyPortListensOnWildcardAddresses() {
        fixture.write(CONFIG, "Port 22", "Port 2222");

        assertThat(endpoints()).containsExactly("[::]:22", "0.0.0.0:22", "[::]:2222", "0.0.0.0:2222");
    }

    @Test
    void addressFamilyInetLeavesOutIpv6() {
        fixture.write(CONFIG, "AddressFamily inet", "Port 2222");

        assertThat(endpoints()).containsExactly("0.0.0.0:2222");
    }

    @Test
    void listenAddressWithPortOverridesPort() {
        fixture.write(CONFIG, "Port 22", "ListenAddress 0.0.0.0:2222");

        List<ListenEndpoint> endpoints = fixture.settings().endpoints();

        assertThat(endpoints).extracting(ListenEndpoint::endpoint).containsExactly("0.0.0.0:2222");
        assertThat(endpoints.get(0).sources()).extracting(ConfigValue::evidence)
                .containsExactly("ListenAddress 0.0.0.0:2222 (/etc/ssh/sshd_config:2)");
    }

    @Test
    void listenAddressWithoutPortUsesEveryPort() {
        fixture.write(CONFIG, "ListenAddress 127.0.0.1", "Port 22", "Port 2222");

        List<ListenEndpoint> endpoints = fixture.settings().endpoints();

        assertThat(endpoints).extracting(ListenEndpoint::endpoint).containsExactly("127.0.0.1:22", "127.0.0.1:2222");
        assertThat(endpoints.get(1).sources()).extracting(ConfigValue::evidence).containsExactly(
                "ListenAddress 127.0.0.1 (/etc/ssh/sshd_config:1)", "Port 2222 (/etc/ssh/sshd_config:3)");
    }

    @Test
    void bracketedIpv6AddressTakesItsPort() {
        fixture.write(CONFIG, "Port 22", "ListenAddress [::1]:2200");

        assertThat(endpoints()).containsExactly("[::1]:2200");
    }

    @Test
    void bareIpv6AddressUsesEveryPort() {
        fixture.write(CONFIG, "Port 2222", "ListenAddress fe80::1");

        assertThat(endpoints()).containsExactly("[fe80::1]:2222");
    }

    @Test
    void listenAddressWithoutPortUsesDefaultPort() {
        fixture.write(CONFIG, "ListenAddress 192.0.2.10");

        assertThat(endpoints()).containsExactly("192.0.2.10:22");
    }

    @Test
    void slashBetweenHostAndPortIsRejected() {
        assertThatThrownBy(() -> ListenAddress.parse(List.of("10.0.0.1/2022"), PortNumbers.numericOnly()))
                .isInstanceOf(ConfigSyntaxException.class)
                .hasMessage("bad address:port usage");
    }

    @Test
    void portZeroIsRejected() {
        assertThatThrownBy(() -> ListenAddress.parse(List.of("10.0.0.1:0"), PortNumbers.numericOnly()))
                .isInstanceOf(ConfigSyntaxException.class)
                .hasMessage("bad port number");
    }

    @Test
    void routingDomainIsKept() throws Exception {
        ListenAddress parsed = ListenAddress.parse(List.of("10.0.0.1:2222", "rdomain", "red"), PortNumbers.numericOnly());

        assertThat(parsed.value()).isEqualTo("10.0.0.1:2222 rdomain red");
    }

    @Test
    void sshdEndpointsKeepFileAttribution() {
        fixture.write(CONFIG, "Port 2222", "ListenAddress 127.0.0.1", "ListenAddress [::1]:2200");
        List<ListenEndpoint> configured = fixture.settings().endpoints();
        SshdTestOutput output = SshdTestOutput.parse(FixtureRoot.recorded("listen-addresses.txt"));

        List<ListenEndpoint> endpoints = ListenEndpoints.fromSshd(output.all("listenaddress"), configured);

        assertThat(endpoints).extracting(ListenEndpoint::endpoint).containsExactly("127.0.0.1:2222", "[::1]:2200");
        assertThat(endpoints.get(1).sources()).extracting(ConfigValue::location).containsExactly("/etc/ssh/sshd_config:3");
    }

    @Test
    void unmatchedSshdEndpointCitesSshd() {
        List<ListenEndpoint> endpoints = ListenEndpoints.fromSshd(List.of("0.0.0.0:2022"), List.of());

        assertThat(endpoints.get(0).sources()).extracting(ConfigValue::evidence)
                .containsExactly("ListenAddress 0.0.0.0:2022 (sshd -T)");
    }
}
