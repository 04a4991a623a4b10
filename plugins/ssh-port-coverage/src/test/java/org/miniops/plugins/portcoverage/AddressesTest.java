package org.miniops.plugins.portcoverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void littleEndianWordReversesBytes() {
        assertThat(Addresses.decode("0100007F", ByteOrder.LITTLE_ENDIAN)).isEqualTo("127.0.0.1");
    }

    @Test
    void bigEndianWordKeepsBytes() {
        assertThat(Addresses.decode("7F000001", ByteOrder.BIG_ENDIAN)).isEqualTo("127.0.0.1");
    }

    @Test
    void ipv6LoopbackCompresses() {
        assertThat(Addresses.decode("00000000000000000000000001000000", ByteOrder.LITTLE_ENDIAN)).isEqualTo("[::1]");
    }

    @Test
    void ipv6KeepsSingleZeroGroup() {
        // 2001:db8:0:1:1:1:1:1 has one zero group, which RFC 5952 leaves as 0.
        String hex = KernelSocketTable.hex(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1});

        assertThat(Addresses.decode(hex, ByteOrder.LITTLE_ENDIAN)).isEqualTo("[2001:db8:0:1:1:1:1:1]");
    }

    @Test
    void shortAddressIsRejected() {
        assertThatThrownBy(() -> Addresses.decode("0100", ByteOrder.LITTLE_ENDIAN))
                .hasMessage("address '0100' has 4 digits; the kernel prints 8 for IPv4 and 32 for IPv6");
    }

    @Test
    void loopbackAddressesAreRecognised() {
        assertThat(Addresses.isLoopback("127.0.0.1")).isTrue();
        assertThat(Addresses.isLoopback("127.0.1.1")).isTrue();
        assertThat(Addresses.isLoopback("[::1]")).isTrue();
        assertThat(Addresses.isLoopback("[::ffff:127.0.0.1]")).isTrue();
        assertThat(Addresses.isLoopback("localhost")).isTrue();
        assertThat(Addresses.isLoopback("0.0.0.0")).isFalse();
        assertThat(Addresses.isLoopback("[::]")).isFalse();
    }
}
