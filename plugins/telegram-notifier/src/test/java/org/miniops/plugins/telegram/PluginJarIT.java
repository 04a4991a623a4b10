package org.miniops.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniops.api.Notifier;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads the packaged plugin jar with PF4J the way the agent does, from a plugins directory that contains
 * only that jar, and sends an alert through it.
 */
class PluginJarIT {

    @TempDir
    Path pluginsDir;

    private PluginManager manager;

    @BeforeEach
    void loadPackagedJar() throws IOException {
        Path jar = Path.of(System.getProperty("telegram.plugin.jar"));
        Files.copy(jar, pluginsDir.resolve(jar.getFileName()));
        manager = new DefaultPluginManager(pluginsDir);
        manager.loadPlugins();
        manager.startPlugins();
    }

    @AfterEach
    void unloadPlugins() {
        // PF4J 3.15's stopPlugins() modifies the list it iterates, so stop each plugin from a copy.
        for (PluginWrapper plugin : List.copyOf(manager.getStartedPlugins())) {
            manager.stopPlugin(plugin.getPluginId());
        }
        manager.unloadPlugins();
    }

    @Test
    void pluginStartsWithTelegramNotifier() {
        PluginWrapper plugin = manager.getPlugin("telegram-notifier");

        assertThat(plugin).isNotNull();
        assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
        assertThat(manager.getExtensions(Notifier.class, "telegram-notifier"))
                .extracting(Notifier::id).containsExactly("telegram");
    }

    @Test
    void okHttpComesFromPluginJar() throws ClassNotFoundException {
        ClassLoader pluginLoader = manager.getPluginClassLoader("telegram-notifier");

        Class<?> bundled = Class.forName(OkHttpClient.class.getName(), false, pluginLoader);

        assertThat(bundled.getClassLoader()).isSameAs(pluginLoader);
        assertThat(Class.forName("kotlin.jvm.internal.Intrinsics", false, pluginLoader).getClassLoader()).isSameAs(pluginLoader);
        assertThat(Class.forName("okio.Buffer", false, pluginLoader).getClassLoader()).isSameAs(pluginLoader);
    }

    @Test
    void loadedNotifierDeliversAlert() throws Exception {
        Notifier notifier = manager.getExtensions(Notifier.class, "telegram-notifier").getFirst();
        assertThat(notifier.getClass().getClassLoader()).isSameAs(manager.getPluginClassLoader("telegram-notifier"));

        try (FakeBotApi telegram = new FakeBotApi()) {
            notifier.deliver(TestAlerts.passwordLoginFailed("a1"), telegram.settings());

            assertThat(telegram.accepted()).hasSize(1);
            assertThat(telegram.accepted().getFirst().text()).startsWith("🔴 prod_db");
        }
    }
}
