package org.miniops.agent.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class IpNetworkTest {

    @Test
    void ipv4RangeContainsItsAddresses() {
        IpNetwork network = IpNetwork.parse("203.0.113.0/24");

        assertThat(network.contains(address("203.0.113.0"))).isTrue();
        assertThat(network.contains(address("203.0.113.255"))).isTrue();
        assertThat(network.contains(address("203.0.114.0"))).isFalse();
        assertThat(network.contains(address("203.0.112.255"))).isFalse();
    }

    @Test
    void ipv4RangeWithUnalignedPrefix() {
        IpNetwork network = IpNetwork.parse("10.20.30.40/13");

        assertThat(network.toString()).isEqualTo("10.16.0.0/13");
        assertThat(network.contains(address("10.23.255.255"))).isTrue();
        assertThat(network.contains(address("10.24.0.0"))).isFalse();
    }

    @Test
    void singleIpv4AddressMatchesOnlyItself() {
        IpNetwork network = IpNetwork.parse("198.51.100.7");

        assertThat(network.prefixLength()).isEqualTo(32);
        assertThat(network.contains(address("198.51.100.7"))).isTrue();
        assertThat(network.contains(address("198.51.100.8"))).isFalse();
    }

    @Test
    void zeroPrefixMatchesEveryIpv4Address() {
        IpNetwork network = IpNetwork.parse("0.0.0.0/0");

        assertThat(network.contains(address("255.255.255.255"))).isTrue();
        assertThat(network.contains(address("::1"))).isFalse();
    }

    @Test
    void ipv6RangeContainsItsAddresses() {
        IpNetwork network = IpNetwork.parse("2001:db8:abcd::/48");

        assertThat(network.contains(address("2001:db8:abcd:12::1"))).isTrue();
        assertThat(network.contains(address("2001:db8:abce::1"))).isFalse();
    }

    @Test
    void ipv6LoopbackMatchesOnlyItself() {
        IpNetwork network = IpNetwork.parse("::1");

        assertThat(network.prefixLength()).isEqualTo(128);
        assertThat(network.contains(address("::1"))).isTrue();
        assertThat(network.contains(address("::2"))).isFalse();
    }

    @Test
    void ipv4AndIpv6NeverMatchEachOther() {
        assertThat(IpNetwork.parse("::/0").contains(address("127.0.0.1"))).isFalse();
        assertThat(IpNetwork.parse("0.0.0.0/0").contains(address("2001:db8::1"))).isFalse();
    }

    @Test
    void mappedIpv6AddressMatchesIpv4Range() {
        InetAddress mapped = IpNetwork.parseAddress("::ffff:203.0.113.7").orElseThrow();

        assertThat(IpNetwork.parse("203.0.113.0/24").contains(mapped)).isTrue();
    }

    @Test
    void mappedAddressBytesMatchIpv4Range() throws UnknownHostException {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 203, 0, 113, 7};
        InetAddress mapped = java.net.Inet6Address.getByAddress(null, bytes, -1);

        assertThat(IpNetwork.parse("203.0.113.0/24").contains(mapped)).isTrue();
    }

    @Test
    void mappedIpv6NetworkIsParsedAsIpv4() {
        IpNetwork network = IpNetwork.parse("::ffff:127.0.0.1");

        assertThat(network.toString()).isEqualTo("127.0.0.1");
        assertThat(network.contains(address("127.0.0.1"))).isTrue();
    }

    @Test
    void canonicalFormMasksHostBits() {
        assertThat(IpNetwork.parse("192.0.2.77/24")).hasToString("192.0.2.0/24");
        assertThat(IpNetwork.parse("2001:DB8:0:0:1::5/64")).hasToString("2001:db8::/64");
        assertThat(IpNetwork.parse("2001:db8:0:1:0:0:0:1")).hasToString("2001:db8:0:1::1");
    }

    @Test
    void equalRangesAreEqual() {
        assertThat(IpNetwork.parse("10.1.2.3/8")).isEqualTo(IpNetwork.parse("10.0.0.0/8"));
        assertThat(IpNetwork.parse("10.1.2.3/8").hashCode()).isEqualTo(IpNetwork.parse("10.0.0.0/8").hashCode());
    }

    @Test
    void surroundingSpacesAreIgnored() {
        assertThat(IpNetwork.parse(" 10.0.0.0/8 ")).hasToString("10.0.0.0/8");
    }

    @Test
    void bracketedIpv6AddressIsParsed() {
        assertThat(IpNetwork.parseAddress("[2001:db8::1]")).contains(address("2001:db8::1"));
    }

    @Test
    void hostNameIsRejected() {
        assertThatThrownBy(() -> IpNetwork.parse("proxy.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'proxy.example.com'")
                .hasMessageContaining("not an IP address");
    }

    @Test
    void hostNamesAreNeverLookedUp() {
        // Names no other test resolves, so any lookup recorded for them came from IpNetwork.
        assertThat(IpNetwork.parseAddress("gateway.mini-ops.invalid")).isEmpty();
        assertThat(IpNetwork.parseAddress("cafe.mini-ops.invalid")).isEmpty();
        assertThat(IpNetwork.parseAddress("mini-ops-proxy")).isEmpty();
        assertThatThrownBy(() -> IpNetwork.parse("proxy.mini-ops.invalid/24")).isInstanceOf(IllegalArgumentException.class);

        assertThat(RecordingResolverProvider.lookups()).noneMatch(name -> name.contains("mini-ops"));
    }

    @Test
    void resolverRecorderSeesLookups() throws UnknownHostException {
        // Proves the recorder is installed, so hostNamesAreNeverLookedUp cannot pass vacuously.
        InetAddress.getByName("localhost");

        assertThat(RecordingResolverProvider.lookups()).contains("localhost");
    }

    @Test
    void legacyShortIpv4FormIsRejected() {
        // InetAddress would read "10.1" as 10.0.0.1; an operator who wrote it meant something else.
        assertThat(IpNetwork.parseAddress("10.1")).isEmpty();
        assertThat(IpNetwork.parseAddress("1.2.3")).isEmpty();
    }

    @Test
    void octetWithLeadingZeroIsRejected() {
        assertThat(IpNetwork.parseAddress("010.0.0.1")).isEmpty();
    }

    @Test
    void octetAbove255IsRejected() {
        assertThatThrownBy(() -> IpNetwork.parse("256.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'256.0.0.1'");
    }

    @Test
    void invalidIpv6IsRejected() {
        assertThat(IpNetwork.parseAddress("2001:db8:::1")).isEmpty();
        assertThat(IpNetwork.parseAddress("fe80::1%eth0")).isEmpty();
    }

    @Test
    void ipv4PrefixAbove32IsNamed() {
        assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10.0.0.0/33'")
                .hasMessageContaining("prefix length 33")
                .hasMessageContaining("0 to 32");
    }

    @Test
    void ipv6PrefixAbove128IsNamed() {
        assertThatThrownBy(() -> IpNetwork.parse("2001:db8::/129"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'2001:db8::/129'")
                .hasMessageContaining("0 to 128");
    }

    @Test
    void nonNumericPrefixIsNamed() {
        assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0/abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10.0.0.0/abc'")
                .hasMessageContaining("invalid prefix length 'abc'");
    }

    @Test
    void emptyPrefixIsNamed() {
        assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10.0.0.0/'")
                .hasMessageContaining("invalid prefix length");
    }

    @Test
    void negativePrefixIsNamed() {
        assertThatThrownBy(() -> IpNetwork.parse("10.0.0.0/-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid prefix length '-1'");
    }

    @Test
    void emptyValueIsRejected() {
        assertThatThrownBy(() -> IpNetwork.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address");
    }

    private static InetAddress address(String literal) {
        return IpNetwork.parseAddress(literal).orElseThrow(() -> new AssertionError("not an address literal: " + literal));
    }
}
