package org.miniops.plugins.ssh;

import java.util.List;
import java.util.OptionalInt;

/**
 * Parsed {@code ListenAddress} value: a host, an optional port, and an optional routing domain.
 *
 * @param host address or host name without brackets, for example {@code 0.0.0.0} or {@code ::1}
 * @param port the port given with the address, or 0 when sshd listens there on every {@code Port}
 * @param routingDomain the {@code rdomain} name, or null
 */
record ListenAddress(String host, int port, String routingDomain) {

    /**
     * Parses the arguments of one {@code ListenAddress} line as OpenSSH 9.x's servconf.c does:
     * {@code host}, {@code host:port}, {@code [host]:port}, or a bare IPv6 address with two or more
     * colons, each optionally followed by {@code rdomain NAME}.
     *
     * @throws ConfigSyntaxException with sshd's message when sshd rejects the value
     */
    static ListenAddress parse(List<String> arguments, PortNumbers ports) throws ConfigSyntaxException {
        if (arguments.isEmpty() || arguments.get(0).isEmpty()) {
            throw syntax("missing address");
        }
        String address = arguments.get(0);
        String host;
        int port = 0;

        int firstColon = address.indexOf(':');
        if (address.indexOf('[') < 0 && firstColon >= 0 && address.indexOf(':', firstColon + 1) >= 0) {
            host = address;
        } else {
            int end = hostEnd(address);
            char separator = end < address.length() ? address.charAt(end) : 0;
            if (separator != 0 && separator != ':') {
                throw syntax("bad address:port usage");
            }
            host = stripBrackets(address.substring(0, end));
            if (separator == ':') {
                OptionalInt resolved = ports.resolve(address.substring(end + 1));
                if (resolved.isEmpty() || resolved.getAsInt() == 0) {
                    throw syntax("bad port number");
                }
                port = resolved.getAsInt();
            }
        }

        String routingDomain = null;
        if (arguments.size() > 1) {
            if (!arguments.get(1).equals("rdomain") || arguments.size() < 3) {
                throw syntax("bad ListenAddress syntax");
            }
            if (arguments.size() > 3) {
                throw syntax("keyword ListenAddress extra arguments at end of line");
            }
            routingDomain = arguments.get(2);
        }
        return new ListenAddress(host, port, routingDomain);
    }

    /** Returns the value in sshd_config form with a numeric port, for example {@code [::1]:2222}. */
    String value() {
        String base = port > 0 ? endpoint(port) : host;
        return routingDomain == null ? base : base + " rdomain " + routingDomain;
    }

    /** Returns {@code host:port}, with brackets around an IPv6 address. */
    String endpoint(int listenPort) {
        String bracketed = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return bracketed + ":" + listenPort;
    }

    /** Returns where the host part ends, like OpenSSH's {@code hpdelim()}: after {@code ]}, or at the first {@code :} or {@code /}. */
    private static int hostEnd(String address) throws ConfigSyntaxException {
        if (address.startsWith("[")) {
            int closing = address.indexOf(']');
            if (closing < 0) {
                throw syntax("bad address:port usage");
            }
            return closing + 1;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == ':' || c == '/') {
                return i;
            }
        }
        return address.length();
    }

    private static String stripBrackets(String host) {
        if (host.length() >= 2 && host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    private static ConfigSyntaxException syntax(String message) {
        return new ConfigSyntaxException(SshdKeywords.LISTEN_ADDRESS, message);
    }
}
