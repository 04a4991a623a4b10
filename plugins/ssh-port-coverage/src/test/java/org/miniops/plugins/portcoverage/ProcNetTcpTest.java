package org.miniops.plugins.portcoverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;

class ProcNetTcpTest {

    @TempDir
    Path root;

    private List<ListeningSocket> parse(String table) {
        return ProcNetTcp.parse(table.lines().toList(), ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void ipv4ListenersDecodeFromLittleEndianWords() {
        String table = new KernelSocketTable().listen("0.0.0.0", 22, 14530).listen("127.0.0.1", 5432, 14531)
                .listen("192.0.2.10", 2222, 14532).tcp();

        assertThat(parse(table)).containsExactly(
                new ListeningSocket("0.0.0.0", 22, 14530),
                new ListeningSocket("127.0.0.1", 5432, 14531),
                new ListeningSocket("192.0.2.10", 2222, 14532));
    }

    @Test
    void ipv6ListenersDecodeToShortestText() {
        // Java reads ::ffff:192.0.2.10 as an IPv4 address, so the mapped address is given as bytes.
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 10};
        String table = new KernelSocketTable().listen("::", 22, 1).listen("::1", 631, 2)
                .listen("2001:db8::10", 2222, 3).listen(mapped, 8080, 4).tcp6();

        assertThat(parse(table)).extracting(ListeningSocket::endpoint)
                .containsExactly("[::]:22", "[::1]:631", "[2001:db8::10]:2222", "[::ffff:192.0.2.10]:8080");
    }

    @Test
    void kernelLayoutOfLoopbackListenerIsReadLiterally() {
        // A line as Linux 6.x prints it for a socket listening on 127.0.0.1:8080 (0x1F90).
        List<String> lines = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 53127 1"
                        + " 0000000000000000 100 0 0 10 0                  ");

        assertThat(ProcNetTcp.parse(lines, ByteOrder.LITTLE_ENDIAN)).containsExactly(new ListeningSocket("127.0.0.1", 8080, 53127));
    }

    @Test
    void connectionsAreNotListeners() {
        String table = new KernelSocketTable().socket("192.0.2.10", 22, "198.51.100.23", 50514, KernelSocketTable.ESTABLISHED, 9)
                .tcp();

        assertThat(parse(table)).isEmpty();
    }

    @Test
    void malformedLineIsRejectedWithItsNumber() {
        assertThatThrownBy(() -> parse("  sl  local_address rem_address\n   0: 00000000:0016 0A\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2 '0: 00000000:0016 0A': expected");
    }

    @Test
    void missingTcp6MeansIpv6IsOff() throws Exception {
        FixtureRoot fixture = new FixtureRoot(root).write("/proc/net/tcp", new KernelSocketTable().listen("0.0.0.0", 22, 7).tcp());

        ProcNetTcp table = ProcNetTcp.read(fixture.filesOnly());

        assertThat(table.known()).isTrue();
        assertThat(table.sources()).isEqualTo("/proc/net/tcp (no /proc/net/tcp6: IPv6 is off in this kernel)");
    }

    @Test
    void unreadableTcpIsAProblem() throws Exception {
        FixtureRoot fixture = new FixtureRoot(root).write("/proc/net/tcp", new KernelSocketTable().tcp());

        ProcNetTcp table = ProcNetTcp.read(new DenyingHost(fixture.filesOnly(), "/proc/net/tcp"));

        assertThat(table.problem()).isEqualTo("cannot read /proc/net/tcp: permission denied");
    }

    @Test
    void missingTcpIsAProblem() throws Exception {
        ProcNetTcp table = ProcNetTcp.read(Host.of(root, CommandRunner.disabled(), false));

        assertThat(table.problem()).isEqualTo("/proc/net/tcp not found, so this host shows no socket table");
    }
}
