package org.miniops.plugins.portcoverage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code /proc/net/tcp} and {@code /proc/net/tcp6} in the layout of Linux 6.x
 * ({@code get_tcp4_sock} and {@code get_tcp6_sock} in {@code net/ipv4/tcp_ipv4.c} and
 * {@code net/ipv6/tcp_ipv6.c}) on a little-endian CPU: each 32-bit word of an address printed
 * with {@code %08X} from memory, ports in plain hexadecimal, IPv4 lines padded to 149 columns.
 */
final class KernelSocketTable {

    static final int LISTEN = 0x0A;
    static final int ESTABLISHED = 0x01;

    private static final String TCP_HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
    private static final String TCP6_HEADER = "  sl  local_address                         remote_address"
            + "                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
    /** The kernel pads every IPv4 line, header included, to {@code TMPSZ - 1} columns. */
    private static final int TCP_LINE_WIDTH = 149;

    private final List<String> tcp = new ArrayList<>();
    private final List<String> tcp6 = new ArrayList<>();

    /** Adds a socket listening on {@code address} (IPv4 or IPv6 literal) and {@code port}. */
    KernelSocketTable listen(String address, int port, long inode) {
        return socket(address, port, "::", 0, LISTEN, inode);
    }

    /** Adds a socket listening on the 4 or 16 bytes {@code address}, for addresses Java turns into another family. */
    KernelSocketTable listen(byte[] address, int port, long inode) {
        return socket(address, port, new byte[address.length], 0, LISTEN, inode);
    }

    /** Adds a socket in state {@code state} with a remote end, for example an accepted SSH connection. */
    KernelSocketTable socket(String local, int localPort, String remote, int remotePort, int state, long inode) {
        byte[] localBytes = bytes(local);
        byte[] remoteBytes = localBytes.length == 4 && remote.equals("::") ? new byte[4] : bytes(remote);
        return socket(localBytes, localPort, remoteBytes, remotePort, state, inode);
    }

    private KernelSocketTable socket(byte[] localBytes, int localPort, byte[] remoteBytes, int remotePort, int state, long inode) {
        boolean listening = state == LISTEN;
        String tail = listening ? " 1 0000000000000000 100 0 0 10 0" : " 3 0000000000000000 20 4 30 10 -1";
        if (localBytes.length == 4) {
            String line = String.format("%4d: %s:%04X %s:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d",
                    tcp.size(), hex(localBytes), localPort, hex(remoteBytes), remotePort, state, 0, 0, 0, 0, 0, 0, 0, inode)
                    + tail;
            tcp.add(String.format("%-" + TCP_LINE_WIDTH + "s", line));
        } else {
            tcp6.add(String.format("%4d: %s:%04X %s:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d",
                    tcp6.size(), hex(localBytes), localPort, hex(remoteBytes), remotePort, state, 0, 0, 0, 0, 0, 0, 0, inode)
                    + tail);
        }
        return this;
    }

    /** Returns the IPv4 table as the kernel prints it. */
    String tcp() {
        StringBuilder text = new StringBuilder(String.format("%-" + TCP_LINE_WIDTH + "s", TCP_HEADER)).append('\n');
        tcp.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** Returns the IPv6 table as the kernel prints it. */
    String tcp6() {
        StringBuilder text = new StringBuilder(TCP6_HEADER).append('\n');
        tcp6.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** Returns the address column: every 4-byte word as a little-endian CPU reads it, in upper-case hexadecimal. */
    static String hex(byte[] address) {
        StringBuilder text = new StringBuilder();
        for (int word = 0; word < address.length; word += 4) {
            int value = (address[word] & 0xff) | (address[word + 1] & 0xff) << 8
                    | (address[word + 2] & 0xff) << 16 | (address[word + 3] & 0xff) << 24;
            text.append(String.format("%08X", value));
        }
        return text.toString();
    }

    private static byte[] bytes(String literal) {
        try {
            // A literal address needs no name lookup.
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal + " is not an address literal", e);
        }
    }
}
