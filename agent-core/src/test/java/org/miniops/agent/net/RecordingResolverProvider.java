package org.miniops.agent.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Name resolver for the test JVM that records every host name looked up and then delegates to
 * the JDK's own resolver, so tests can prove that parsing never consults DNS.
 *
 * <p>Registered in {@code META-INF/services/java.net.spi.InetAddressResolverProvider} of the test
 * resources; the JDK installs it at the first lookup in the JVM.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {

    private static final List<String> LOOKUPS = new CopyOnWriteArrayList<>();

    /** Returns every host name looked up so far in this JVM. */
    static List<String> lookups() {
        return List.copyOf(LOOKUPS);
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                LOOKUPS.add(host);
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "mini-ops-test-recorder";
    }
}
