package org.miniops.plugins.ssh;

import java.util.List;

/**
 * Address and port sshd listens on, with the config lines that make it listen there.
 *
 * @param address the address as sshd prints it, IPv6 in brackets, for example {@code [::]} or {@code 0.0.0.0}
 * @param port the TCP port
 * @param sources the {@code Port} and {@code ListenAddress} values behind it
 */
record ListenEndpoint(String address, int port, List<ConfigValue> sources) {

    ListenEndpoint {
        sources = List.copyOf(sources);
    }

    /** Returns {@code address:port}. */
    String endpoint() {
        return address + ":" + port;
    }
}
