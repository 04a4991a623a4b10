package org.miniops.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import org.miniops.agent.alerts.AlertsHttpService;
import org.miniops.agent.alerts.Backoff;
import org.miniops.agent.alerts.DeliveryService;
import org.miniops.agent.alerts.OutboxStore;
import org.miniops.agent.audit.AuditHistory;
import org.miniops.agent.audit.AuditHistoryHttpService;
import org.miniops.agent.audit.AuditHttpService;
import org.miniops.agent.audit.AuditRecorder;
import org.miniops.agent.audit.AuditReport;
import org.miniops.agent.audit.AuditRunner;
import org.miniops.agent.audit.AuditScheduler;
import org.miniops.agent.audit.AuditService;
import org.miniops.agent.config.AgentConfig;
import org.miniops.agent.config.AlertingConfig;
import org.miniops.agent.config.ConfigException;
import org.miniops.agent.config.Secret;
import org.miniops.agent.http.AgentServer;
import org.miniops.agent.http.ClientAddressResolver;
import org.miniops.agent.http.RateLimits;
import org.miniops.agent.logins.HookKey;
import org.miniops.agent.logins.HookKeySource;
import org.miniops.agent.logins.LoginRecorder;
import org.miniops.agent.logins.LoginsHttpService;
import org.miniops.agent.logins.SshLoginHookHttpService;
import org.miniops.agent.logins.TrustedNetworks;
import org.miniops.agent.logins.TrustedNetworksHttpService;
import org.miniops.agent.plugins.PluginRegistry;
import org.miniops.agent.plugins.PluginsHttpService;
import org.miniops.agent.store.Database;
import org.miniops.agent.store.StoreException;
import org.miniops.api.Host;

/** {@code mini-ops serve}: runs the agent until it is stopped. */
final class ServeCommand {

    private static final Logger LOG = Logger.getLogger(ServeCommand.class.getName());

    private ServeCommand() {
    }

    static int run(AgentConfig config, String version, PrintStream out) throws InterruptedException {
        long started = System.nanoTime();
        Secret token = config.authToken().orElseThrow(() -> new ConfigException("AUTH_TOKEN is not set"));
        AlertingConfig alerting = AlertingConfig.load(config.values());
        createDataDir(config.dataDir());
        Database database = openDatabase(config.dataDir());

        PluginRegistry registry = PluginRegistry.load(config.pluginsDir(), config.values());
        Host host = Hosts.forRoot(config.hostRoot());
        OutboxStore outbox = new OutboxStore(database);
        DeliveryService delivery = new DeliveryService(outbox, registry.notifiers(),
                new Backoff(Backoff.DEFAULT.initial(), alerting.retryMax()), alerting.alertMaxAge(), Clock.systemUTC());
        AuditRecorder recorder = new AuditRecorder(database, alerting.alertOn(), alerting.serverName(),
                delivery::configuredNotifierIds);
        AuditRunner runner = new AuditRunner(registry.checks(), host);
        AuditService audits = new AuditService(trigger -> {
            AuditReport report = runner.run();
            recorder.record(report, trigger);
            delivery.wakeAll();
            return report;
        });
        RateLimits limits = new RateLimits();
        ClientAddressResolver clients = new ClientAddressResolver(config.trustedProxies());
        TrustedNetworks trustedNetworks = new TrustedNetworks(database);
        LoginRecorder logins = new LoginRecorder(database, trustedNetworks, alerting.serverName(), delivery::configuredNotifierIds);
        Path hookKeyFile = Path.of(config.values().getOrDefault("HOOK_KEY_FILE", HookKey.DEFAULT_PATH).strip());
        HookKeySource hookKey = new HookKeySource(hookKeyFile).load();

        AgentServer server = AgentServer.create(config, token, limits, clients, version, List.of(
                new AuditHistoryHttpService(new AuditHistory(database)),
                new AuditHttpService(audits, limits, clients),
                new AlertsHttpService(outbox, delivery, alerting.serverName(), limits, clients),
                new SshLoginHookHttpService(hookKey::current, database, logins, delivery::wakeAll, limits, clients, Clock.systemUTC()),
                new LoginsHttpService(logins),
                new TrustedNetworksHttpService(trustedNetworks, limits, clients, Clock.systemUTC()),
                new PluginsHttpService(registry, delivery::statuses)));
        try {
            server.start();
        } catch (RuntimeException e) {
            registry.close();
            database.close();
            throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + ": " + rootMessage(e)
                    + "; pick another APP_PORT or stop the process that uses it");
        }
        delivery.start();
        AuditScheduler scheduler = new AuditScheduler(audits, alerting.auditInterval()).start();

        long millis = (System.nanoTime() - started) / 1_000_000;
        String url = "http://" + hostForUrl(config.host()) + ":" + server.port() + "/";
        LOG.info("Mini-Ops " + version + " listening on " + url + " (started in " + millis + " ms, host root "
                + config.hostRoot() + ", data in " + config.dataDir() + ")");
        out.println("Mini-Ops is listening on " + url);
        out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping Mini-Ops");
            scheduler.close();
            server.stop();
            delivery.close();
            registry.close();
            database.close();
            stopped.countDown();
        }, "mini-ops-shutdown"));
        stopped.await();
        return 0;
    }

    private static Database openDatabase(Path dataDir) {
        try {
            return Database.open(dataDir);
        } catch (StoreException e) {
            throw new ConfigException(e.getMessage());
        }
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
