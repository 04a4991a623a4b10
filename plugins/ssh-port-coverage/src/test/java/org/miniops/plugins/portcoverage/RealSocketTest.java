package org.miniops.plugins.portcoverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.miniops.api.CommandRunner;
import org.miniops.api.Host;

/** Reads the kernel's real socket tables while this JVM listens on a free port. */
class RealSocketTest {

    private static final Host MACHINE = Host.of(Path.of("/"), CommandRunner.disabled(), false);

    @Test
    void ipv4ListenerOfThisJvmIsFound() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();

            ProcNetTcp table = ProcNetTcp.read(MACHINE);

            assertThat(table.problem()).isEmpty();
            assertThat(table.listening()).filteredOn(socket -> socket.port() == port)
                    .extracting(ListeningSocket::address).containsExactly("127.0.0.1");
        }
    }

    @Test
    void dualStackListenerShowsMappedAddress() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/net/tcp6")), "the kernel runs without IPv6");
        // Java opens an IPv6 socket unless java.net.preferIPv4Stack is set, so the kernel may list 127.0.0.1 in tcp6, mapped.
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ProcNetTcp table = ProcNetTcp.read(MACHINE);

            assertThat(table.listening()).filteredOn(socket -> socket.port() == server.getLocalPort())
                    .extracting(ListeningSocket::address).containsAnyOf("127.0.0.1", "[::ffff:127.0.0.1]");
            assertThat(table.listening()).filteredOn(socket -> socket.port() == server.getLocalPort())
                    .allMatch(ListeningSocket::loopback);
        }
    }

    @Test
    void ipv6ListenerOfThisJvmIsFound() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/net/tcp6")), "the kernel runs without IPv6");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("::1"))) {
            ProcNetTcp table = ProcNetTcp.read(MACHINE);

            assertThat(table.listening()).filteredOn(socket -> socket.port() == server.getLocalPort())
                    .extracting(ListeningSocket::address).containsExactly("[::1]");
        }
    }

    @Test
    void listenerInodeIsAmongThisProcessDescriptors() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ListeningSocket socket = ProcNetTcp.read(MACHINE).listening().stream()
                    .filter(candidate -> candidate.port() == server.getLocalPort()).findFirst().orElseThrow();

            assertThat(descriptorTargets()).contains("socket:[" + socket.inode() + "]");
        }
    }

    private static List<String> descriptorTargets() throws Exception {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(descriptor).toString());
                } catch (java.nio.file.NoSuchFileException e) {
                    // The descriptor that listed the directory is closed by now.
                }
            }
        }
        return targets;
    }
}
