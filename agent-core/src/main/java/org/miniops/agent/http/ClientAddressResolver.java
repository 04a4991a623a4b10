package org.miniops.agent.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import org.miniops.agent.net.IpNetwork;

/**
 * Works out the client address that rate limits count against.
 *
 * <p>The client is the socket peer. Only when the peer is a trusted proxy does the agent use the
 * address that proxy reports: the right-most {@code X-Forwarded-For} entry, which is the one the
 * proxy appended itself (entries to its left come from the client and can be forged), else
 * {@code X-Real-IP}. {@code X-Forwarded-For} comes first because a proxy that appends it may pass
 * a client's own {@code X-Real-IP} through unchanged, as Caddy 2.5 does with every header it does
 * not set (caddy-reverse-proxy(1)). IPv6 clients are keyed by their /64 network, since one host
 * usually owns a whole /64.
 */
public final class ClientAddressResolver {

    private static final HeaderName X_REAL_IP = HeaderNames.create("X-Real-IP");

    private final List<IpNetwork> trustedProxies;

    public ClientAddressResolver(List<IpNetwork> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** Returns the client's address for logs, such as {@code 203.0.113.7}. */
    public String clientAddress(ServerRequest request) {
        return resolve(request).getHostAddress();
    }

    /** Returns the key that rate limits use for the client. */
    public String rateLimitKey(ServerRequest request) {
        InetAddress address = resolve(request);
        if (address instanceof Inet6Address) {
            try {
                // Rebuilding from the bytes drops a scope id such as %eth0, which IpNetwork rejects.
                String plain = InetAddress.getByAddress(address.getAddress()).getHostAddress();
                return IpNetwork.parse(plain + "/64").toString();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always a valid IPv6 address", e);
            }
        }
        return address.getHostAddress();
    }

    InetAddress resolve(ServerRequest request) {
        InetAddress peer = peerAddress(request.remotePeer().address());
        if (!isTrustedProxy(peer)) {
            return peer;
        }
        if (request.headers().contains(HeaderNames.X_FORWARDED_FOR)) {
            return rightMost(request.headers().get(HeaderNames.X_FORWARDED_FOR).allValues()).orElse(peer);
        }
        return request.headers().first(X_REAL_IP).flatMap(IpNetwork::parseAddress).orElse(peer);
    }

    private boolean isTrustedProxy(InetAddress peer) {
        return trustedProxies.stream().anyMatch(network -> network.contains(peer));
    }

    private static Optional<InetAddress> rightMost(List<String> headerValues) {
        if (headerValues.isEmpty()) {
            return Optional.empty();
        }
        String last = headerValues.getLast();
        String[] entries = last.split(",");
        return IpNetwork.parseAddress(entries[entries.length - 1]);
    }

    private static InetAddress peerAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return IpNetwork.parseAddress(socket.getAddress().getHostAddress()).orElse(socket.getAddress());
        }
        throw new IllegalStateException("the web server reported a peer that is not an IP socket: " + address);
    }
}
