package org.miniops.plugins.ssh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Works out where sshd listens from {@code Port}, {@code ListenAddress} and {@code AddressFamily},
 * as OpenSSH 9.x does when it starts.
 *
 * <p>Every {@code Port} line adds a port (22 when there is none). Without {@code ListenAddress},
 * sshd listens on every port on the wildcard addresses of {@code AddressFamily}. With it, sshd
 * listens only on those addresses: {@code ListenAddress host:port} uses its own port and ignores
 * {@code Port}, and {@code ListenAddress host} uses every {@code Port}.
 */
final class ListenEndpoints {

    private ListenEndpoints() {
    }

    /**
     * Returns the endpoints the parsed values give.
     *
     * @param ports the {@code Port} values in reading order, as numbers
     * @param listenAddresses the {@code ListenAddress} values in reading order
     * @param addressFamily the {@code AddressFamily} value
     */
    static List<ListenEndpoint> fromConfig(List<ConfigValue> ports, List<ConfigValue> listenAddresses,
                                           ConfigValue addressFamily) {
        List<ConfigValue> effectivePorts = ports.isEmpty()
                ? List.of(ConfigValue.openSshDefault(SshdKeywords.PORT, "22"))
                : ports;
        List<ListenEndpoint> endpoints = new ArrayList<>();

        if (listenAddresses.isEmpty()) {
            for (ConfigValue port : effectivePorts) {
                for (String wildcard : wildcards(addressFamily.value())) {
                    endpoints.add(new ListenEndpoint(wildcard, Integer.parseInt(port.value()), List.of(port)));
                }
            }
            return endpoints;
        }

        for (ConfigValue listenAddress : listenAddresses) {
            ListenAddress parsed = parse(listenAddress);
            if (parsed.port() > 0) {
                endpoints.add(endpoint(parsed, parsed.port(), List.of(listenAddress)));
                continue;
            }
            for (ConfigValue port : effectivePorts) {
                endpoints.add(endpoint(parsed, Integer.parseInt(port.value()), List.of(listenAddress, port)));
            }
        }
        return endpoints;
    }

    /**
     * Returns the endpoints in {@code sshd -T}'s {@code listenaddress} lines, attributed to the
     * configured endpoint with the same address and port, or else the same port.
     *
     * @param lines values of the {@code listenaddress} lines, for example {@code [::]:22} or
     *     {@code 10.0.0.1:2222 rdomain red}
     * @param configured endpoints worked out from the files, for attribution
     */
    static List<ListenEndpoint> fromSshd(List<String> lines, List<ListenEndpoint> configured) {
        List<ListenEndpoint> endpoints = new ArrayList<>();
        for (String line : lines) {
            String endpoint = line.strip().split("\\s+")[0];
            int colon = endpoint.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            String address = endpoint.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(endpoint.substring(colon + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            endpoints.add(new ListenEndpoint(address, port, sourcesFor(address, port, endpoint, configured)));
        }
        return endpoints;
    }

    private static List<ConfigValue> sourcesFor(String address, int port, String endpoint, List<ListenEndpoint> configured) {
        for (ListenEndpoint candidate : configured) {
            if (candidate.port() == port && candidate.address().equals(address)) {
                return candidate.sources();
            }
        }
        // sshd prints resolved addresses, so a host name in the file only matches by port.
        for (ListenEndpoint candidate : configured) {
            if (candidate.port() == port) {
                return candidate.sources();
            }
        }
        return List.of(ConfigValue.reportedBySshd(SshdKeywords.LISTEN_ADDRESS, endpoint));
    }

    /** Returns the wildcard addresses sshd binds for an {@code AddressFamily}, in the order sshd -T prints them. */
    private static List<String> wildcards(String addressFamily) {
        return switch (addressFamily.toLowerCase(Locale.ROOT)) {
            case "inet" -> List.of("0.0.0.0");
            case "inet6" -> List.of("[::]");
            default -> List.of("[::]", "0.0.0.0");
        };
    }

    private static ListenEndpoint endpoint(ListenAddress parsed, int port, List<ConfigValue> sources) {
        String endpoint = parsed.endpoint(port);
        return new ListenEndpoint(endpoint.substring(0, endpoint.lastIndexOf(':')), port, sources);
    }

    private static ListenAddress parse(ConfigValue listenAddress) {
        try {
            return ListenAddress.parse(Arrays.asList(listenAddress.value().split(" ")), PortNumbers.numericOnly());
        } catch (ConfigSyntaxException e) {
            // The parser accepted and normalised this value, so it parses again.
            throw new IllegalStateException("ListenAddress " + listenAddress.value() + " no longer parses: " + e.getMessage(), e);
        }
    }
}
