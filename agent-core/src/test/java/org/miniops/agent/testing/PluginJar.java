package org.miniops.agent.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.miniops.api.AuditCheck;
import org.pf4j.ExtensionPoint;

/**
 * Third-party plugin jar built the way a plugin author's build would: Java sources compiled
 * against plugin-api, a manifest with {@code Plugin-Id} and {@code Plugin-Version}, and
 * {@code META-INF/extensions.idx} listing the extension classes.
 */
public final class PluginJar {

    private final String id;
    private String version = "1.0.0";
    private boolean writePluginId = true;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();

    private PluginJar(String id) {
        this.id = id;
    }

    /** Starts a plugin with this {@code Plugin-Id} and version 1.0.0. */
    public static PluginJar named(String id) {
        return new PluginJar(id);
    }

    public PluginJar version(String value) {
        this.version = value;
        return this;
    }

    /** Leaves {@code Plugin-Id} out of the manifest, which PF4J rejects. */
    public PluginJar withoutPluginId() {
        this.writePluginId = false;
        return this;
    }

    /** Adds a class and lists it in {@code extensions.idx}. */
    public PluginJar extension(String className, String source) {
        sources.put(className, source);
        extensions.add(className);
        return this;
    }

    /**
     * Adds an {@link AuditCheck} extension {@code className} whose {@code check} method has
     * {@code body}; the check's id is {@code checkId}, its group the part before the dot.
     */
    public PluginJar check(String className, String checkId, String body) {
        return check(className, checkId, "", body);
    }

    /** Like {@link #check(String, String, String)}, with extra members such as a constructor or {@code timeout()}. */
    public PluginJar check(String className, String checkId, String members, String body) {
        int dot = className.lastIndexOf('.');
        String packageName = className.substring(0, dot);
        String simpleName = className.substring(dot + 1);
        String group = checkId.substring(0, checkId.indexOf('.'));
        String source = """
                package %s;

                import java.time.Duration;
                import java.util.List;
                import org.miniops.api.AuditCheck;
                import org.miniops.api.CheckContext;
                import org.miniops.api.CheckResult;

                public final class %s implements AuditCheck {
                    %s

                    @Override
                    public String id() {
                        return "%s";
                    }

                    @Override
                    public String title() {
                        return "Check %s";
                    }

                    @Override
                    public String group() {
                        return "%s";
                    }

                    @Override
                    public CheckResult check(CheckContext context) throws Exception {
                        %s
                    }
                }
                """.formatted(packageName, simpleName, members, checkId, checkId, group, body);
        return extension(className, source);
    }

    /** Compiles the sources and writes {@code <id>.jar} into {@code pluginsDir}; returns the jar. */
    public Path writeTo(Path pluginsDir) throws IOException {
        Path jar = pluginsDir.resolve(id + ".jar");
        Files.createDirectories(pluginsDir);
        Map<String, byte[]> classes = compile();

        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (writePluginId) {
            attributes.putValue("Plugin-Id", id);
        }
        attributes.putValue("Plugin-Version", version);

        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            out.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (Map.Entry<String, byte[]> compiled : classes.entrySet()) {
                out.putNextEntry(new JarEntry(compiled.getKey().replace('.', '/') + ".class"));
                out.write(compiled.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private Map<String, byte[]> compile() {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> output = new LinkedHashMap<>();
        JavaFileManager inMemory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return output.computeIfAbsent(className, name -> new ByteArrayOutputStream());
                    }
                };
            }
        };

        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((className, source) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        }));

        // Only the published contract is on the class path, as in a plugin author's build.
        String classPath = location(AuditCheck.class) + java.io.File.pathSeparator + location(ExtensionPoint.class);
        List<String> options = List.of("--release", "21", "-proc:none", "-classpath", classPath);
        boolean compiled = compiler.getTask(null, inMemory, diagnostics, options, null, units).call();
        if (!compiled) {
            StringBuilder errors = new StringBuilder("plugin sources of '" + id + "' do not compile:");
            for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                errors.append('\n').append(diagnostic);
            }
            throw new IllegalStateException(errors.toString());
        }

        Map<String, byte[]> classes = new LinkedHashMap<>();
        output.forEach((className, bytes) -> classes.put(className, bytes.toByteArray()));
        return classes;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("cannot locate the jar of " + type.getName(), e));
        }
    }
}
