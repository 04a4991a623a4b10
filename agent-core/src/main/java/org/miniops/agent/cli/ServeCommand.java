package org.miniops.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import org.miniops.agent.audit.AuditHttpService;
import org.miniops.agent.audit.AuditRunner;
import org.miniops.agent.audit.AuditService;
import org.miniops.agent.config.AgentConfig;
import org.miniops.agent.config.ConfigException;
import org.miniops.agent.config.Secret;
import org.miniops.agent.http.AgentServer;
import org.miniops.agent.http.ClientAddressResolver;
import org.miniops.agent.http.RateLimits;
import org.miniops.agent.plugins.PluginRegistry;
import org.miniops.agent.plugins.PluginsHttpService;
import org.miniops.api.Host;

/** {@code mini-ops serve}: runs the agent until it is stopped. */
final class ServeCommand {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());

    private ServeCommand() {
    }

    static int run(AgentConfig config, String version, PrintStream out) throws InterruptedException {
        long started = System.nanoTime();
        Secret token = config.authToken().orElseThrow(() -> new ConfigException("AUTH_TOKEN is not set"));
        createDataDir(config.dataDir());

        PluginRegistry registry = PluginRegistry.load(config.pluginsDir(), config.values());
        Host host = Hosts.forRoot(config.hostRoot());
        AuditService audits = new AuditService(() -> new AuditRunner(registry.checks(), host).run());
        RateLimits limits = new RateLimits();
        ClientAddressResolver clients = new ClientAddressResolver(config.trustedProxies());

        AgentServer server = AgentServer.create(config, token, limits, clients, version, List.of(
                new AuditHttpService(audits, limits, clients),
                new PluginsHttpService(registry)));
        try {
            server.start();
        } catch (RuntimeException e) {
            registry.close();
            throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e)
                    + "; pick another APP_PORT or stop the process that uses it");
        }

        long millis = (System.nanoTime() - started) / 1_000_000;
        String url = "http://" + hostForUrl(config.host()) + ":" + server.port() + "/";
        LOG.info("Mini-Ops " + version + " listening on " + url + " (started in " + millis + " ms, host root " + config.hostRoot() + ")");
        out.println("Mini-Ops is listening on " + url);
        out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping Mini-Ops");
            server.stop();
            registry.close();
            stopped.countDown();
        }, "mini-ops-shutdown"));
        stopped.await();
        return 0;
    }

    private static void createDataDir(Path dataDir) {
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.isWritable(dataDir)) {
                throw new ConfigException("DATA_DIR " + dataDir + " is not writable; give the agent's user write access or choose another DATA_DIR");
            }
        } catch (IOException e) {
            throw new ConfigException("DATA_DIR " + dataDir + " cannot be created: " + e.getMessage() + "; choose another DATA_DIR");
        }
    }

    private static String hostForUrl(String host) {
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
