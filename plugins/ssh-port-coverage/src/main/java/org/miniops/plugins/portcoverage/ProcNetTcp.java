package org.miniops.plugins.portcoverage;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniops.api.Host;

/**
 * The kernel's tables of TCP sockets, {@code /proc/net/tcp} for IPv4 and {@code /proc/net/tcp6}
 * for IPv6, reduced to the sockets in the LISTEN state.
 *
 * <p>After a header line, each line describes one socket as
 * {@code sl: local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...},
 * addresses as {@code ADDRESS:PORT} in hexadecimal (see {@link Addresses#decode}) and the state
 * {@code st} as a hexadecimal TCP state, where {@code 0A} is LISTEN. The tables show the sockets
 * of the network namespace of the process that reads them.
 *
 * @param listening the listening sockets, IPv4 before IPv6
 * @param sources the tables read, for evidence, for example {@code /proc/net/tcp, /proc/net/tcp6}
 * @param problem why the tables could not be used, or empty when they were read
 */
record ProcNetTcp(List<ListeningSocket> listening, String sources, String problem) {

    static final String TCP = "/proc/net/tcp";
    static final String TCP6 = "/proc/net/tcp6";

    private static final String LISTEN = "0A";

    ProcNetTcp {
        listening = List.copyOf(listening);
    }

    /** Reads both tables; a missing {@code tcp6} means the kernel runs without IPv6, which is no problem. */
    static ProcNetTcp read(Host host) throws IOException {
        ByteOrder byteOrder = ByteOrder.nativeOrder();
        List<ListeningSocket> sockets = new ArrayList<>();
        try {
            sockets.addAll(parse(host.readLines(TCP), byteOrder));
        } catch (NoSuchFileException e) {
            return unusable(TCP + " not found, so this host shows no socket table");
        } catch (AccessDeniedException e) {
            return unusable("cannot read " + TCP + ": permission denied");
        } catch (IllegalArgumentException e) {
            return unusable("cannot parse " + TCP + ": " + e.getMessage());
        }

        String sources = TCP;
        try {
            sockets.addAll(parse(host.readLines(TCP6), byteOrder));
            sources = TCP + ", " + TCP6;
        } catch (NoSuchFileException e) {
            sources = TCP + " (no " + TCP6 + ": IPv6 is off in this kernel)";
        } catch (AccessDeniedException e) {
            return unusable("cannot read " + TCP6 + ": permission denied");
        } catch (IllegalArgumentException e) {
            return unusable("cannot parse " + TCP6 + ": " + e.getMessage());
        }
        return new ProcNetTcp(sockets, sources, "");
    }

    /**
     * Returns the listening sockets in one table's lines.
     *
     * @param byteOrder the byte order of the CPU whose kernel wrote the lines
     * @throws IllegalArgumentException if a line does not have the kernel's layout; the message names the line
     */
    static List<ListeningSocket> parse(List<String> lines, ByteOrder byteOrder) {
        List<ListeningSocket> sockets = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("sl ")) {
                continue;
            }
            try {
                parseLine(line, byteOrder).ifPresent(sockets::add);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (index + 1) + " '" + line + "': " + e.getMessage(), e);
            }
        }
        return sockets;
    }

    private static Optional<ListeningSocket> parseLine(String line, ByteOrder byteOrder) {
        String[] fields = line.split("\\s+");
        if (fields.length < 10 || !fields[0].endsWith(":")) {
            throw new IllegalArgumentException("expected 'sl: local_address rem_address st ... uid timeout inode'");
        }
        if (!fields[3].equalsIgnoreCase(LISTEN)) {
            return Optional.empty();
        }
        String local = fields[1];
        int colon = local.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("local address '" + local + "' has no ':PORT'");
        }
        try {
            String address = Addresses.decode(local.substring(0, colon), byteOrder);
            int port = Integer.parseInt(local.substring(colon + 1), 16);
            long inode = Long.parseLong(fields[9]);
            return Optional.of(new ListeningSocket(address, port, inode));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port or inode is not a number", e);
        }
    }

    private static ProcNetTcp unusable(String problem) {
        return new ProcNetTcp(List.of(), "", problem);
    }

    /** Returns whether the tables were read. */
    boolean known() {
        return problem.isEmpty();
    }
}
