package org.miniops.plugins.portcoverage;

/**
 * TCP socket in the LISTEN state, as one line of {@code /proc/net/tcp} or {@code tcp6} shows it.
 *
 * @param address local address in text form, IPv6 in brackets: {@code 0.0.0.0}, {@code 127.0.0.1},
 *     {@code [::]}, {@code [::1]}
 * @param port local TCP port
 * @param inode the socket's inode number, which {@code /proc/PID/fd} links name as {@code socket:[INODE]}
 */
record ListeningSocket(String address, int port, long inode) {

    /** Returns {@code address:port}, for example {@code [::]:22}. */
    String endpoint() {
        return address + ":" + port;
    }

    /** Returns whether only this machine can connect: the address is in 127.0.0.0/8 or is {@code ::1}. */
    boolean loopback() {
        return Addresses.isLoopback(address);
    }
}
