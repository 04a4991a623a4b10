package org.miniops.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the shared key never shows in the command line or environment of any process the hook starts. */
class HookSecrecyTest {

    @TempDir
    Path dir;

    @Test
    void keyNeverInProcessArgumentsOrEnvironment() throws Exception {
        Scripts.assumeCurl();
        HookKey key = HookKey.createIn(dir);
        Path spoolDir = dir.resolve("spool-" + System.nanoTime());

        try (RecordingHookServer server = RecordingHookServer.start(key.bytes())) {
            // The delayed response keeps curl running long enough for the sampler to see it.
            server.delayResponses(Duration.ofSeconds(1));
            ProcessSampler sampler = ProcessSampler.start(spoolDir.toString(), secretForms(key.bytes()));
            try {
                Login.sshd("alice", "198.51.100.4").port(server.port()).keyFile(key.file()).spoolDir(spoolDir).run();
                server.next(Duration.ofSeconds(5));
                Thread.sleep(1_200);
            } finally {
                sampler.close();
            }

            System.out.printf("sampled /proc %d times; processes seen: %s%n", sampler.samples(), sampler.commands());
            assertThat(sampler.commands()).as("the sampler must have seen the delivery").contains("curl");
            assertThat(sampler.leaks()).isEmpty();
        }
    }

    @Test
    void keyAbsentFromEveryExecve() throws Exception {
        Scripts.assumeCurl();
        Path strace = Path.of("/usr/bin/strace");
        assumeTrue(Files.isExecutable(strace), "strace is not installed (apt-get install strace)");
        HookKey key = HookKey.createIn(dir);
        Path trace = dir.resolve("execve.trace");

        try (RecordingHookServer server = RecordingHookServer.start(key.bytes())) {
            // strace -f follows the detached delivery too and exits only when it has finished.
            List<String> command = List.of(strace.toString(), "-f", "-qq", "-v", "-s", "1000000",
                    "-e", "trace=execve", "-o", trace.toString(),
                    "/bin/sh", Scripts.HOOK.toString(), "--port", Integer.toString(server.port()),
                    "--key-file", key.file().toString(), "--spool-dir", dir.resolve("spool").toString());
            ScriptRun run = Scripts.execute(command, Map.of("PAM_TYPE", "open_session", "PAM_SERVICE", "sshd",
                    "PAM_USER", "alice", "PAM_RHOST", "198.51.100.4", "PAM_TTY", "ssh"), new byte[0]);
            assertThat(run.exitCode()).as("strace exit code, stderr: %s", run.stderr()).isZero();
            assertThat(server.next(Duration.ofSeconds(5)).rejection()).isNull();
        }

        List<String> calls = Files.readAllLines(trace, StandardCharsets.ISO_8859_1).stream()
                .filter(line -> line.contains("execve(")).toList();
        assertThat(calls).anySatisfy(call -> assertThat(call).contains("/sha256sum\""))
                .anySatisfy(call -> assertThat(call).contains("/curl\""))
                .anySatisfy(call -> assertThat(call).contains("/setsid\""));
        secretForms(key.bytes()).forEach((name, form) -> {
            if (isPrintableAscii(form)) {
                // strace quotes each argument as a C string literal, so \ and " appear escaped.
                String quoted = new String(form, StandardCharsets.ISO_8859_1).replace("\\", "\\\\")
                        .replace("\"", "\\\"");
                assertThat(calls).as("execve calls containing the %s", name)
                        .noneSatisfy(call -> assertThat(call).contains(quoted));
            }
        });
    }

    @Test
    void printfAndReadAreShellBuiltins() throws Exception {
        // The key passes through printf and read; as external commands they would show it in /proc/PID/cmdline.
        ScriptRun run = Scripts.shell("command -V printf; command -V read");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("builtin"));
    }

    /** The key and the padded keys of HMAC, as raw bytes, hex and the printf escapes the hook builds. */
    private static Map<String, byte[]> secretForms(byte[] key) {
        byte[] inner = xor(key, 0x36);
        byte[] outer = xor(key, 0x5c);
        Map<String, byte[]> forms = new LinkedHashMap<>();
        forms.put("key bytes", key);
        forms.put("key hex", ascii(HexFormat.of().formatHex(key)));
        forms.put("key HEX", ascii(HexFormat.of().withUpperCase().formatHex(key)));
        forms.put("key xor ipad", inner);
        forms.put("key xor ipad hex", ascii(HexFormat.of().formatHex(inner)));
        forms.put("key xor ipad escapes", ascii(octalEscapes(inner, 8)));
        forms.put("key xor opad", outer);
        forms.put("key xor opad hex", ascii(HexFormat.of().formatHex(outer)));
        forms.put("key xor opad escapes", ascii(octalEscapes(outer, 8)));
        return forms;
    }

    private static boolean isPrintableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static byte[] xor(byte[] key, int pad) {
        byte[] result = new byte[key.length];
        for (int i = 0; i < key.length; i++) {
            result[i] = (byte) (key[i] ^ pad);
        }
        return result;
    }

    private static String octalEscapes(byte[] bytes, int count) {
        StringBuilder escapes = new StringBuilder();
        for (int i = 0; i < count; i++) {
            escapes.append(String.format("\\%03o", bytes[i] & 0xff));
        }
        return escapes.toString();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
