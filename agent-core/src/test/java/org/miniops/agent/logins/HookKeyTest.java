package org.miniops.agent.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading the hook key file. The tests run as root, who can read a file of any mode, so the
 * unreadable-file case is covered only by a path that cannot be read as a file (a directory).
 */
class HookKeyTest {

    private static final String KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    @TempDir
    Path dir;

    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = new LogCapture();
    }

    @AfterEach
    void stopCapture() {
        logs.close();
    }

    @Test
    void validKeyLoadsAs32Bytes() throws IOException {
        Path file = keyFile(KEY_HEX + "\n", "rw-r-----");

        Optional<byte[]> key = HookKey.load(file);

        assertThat(key).get().isEqualTo(HexFormat.of().parseHex(KEY_HEX));
        assertThat(key.get()).hasSize(32);
        assertThat(logs.messages()).isEmpty();
    }

    @Test
    void keyWithoutTrailingNewlineLoads() throws IOException {
        Path file = keyFile(KEY_HEX, "rw-r-----");

        assertThat(HookKey.load(file)).get().isEqualTo(HexFormat.of().parseHex(KEY_HEX));
    }

    @Test
    void missingFileGivesNoKeyAndLogLine() {
        Path file = dir.resolve("hook.key");

        Optional<byte[]> key = HookKey.load(file);

        assertThat(key).isEmpty();
        assertThat(logs.messages()).singleElement().asString().contains(file.toString()).contains("setup_ssh_alerts.sh");
    }

    @Test
    void unreadablePathGivesNoKeyAndWarning() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("hook.key"));

        Optional<byte[]> key = HookKey.load(directory);

        assertThat(key).isEmpty();
        assertThat(logs.warnings()).singleElement().asString().contains(directory.toString());
    }

    @Test
    void keyOf63CharactersIsRejected() throws IOException {
        Path file = keyFile(KEY_HEX.substring(1) + "\n", "rw-r-----");

        assertThat(HookKey.load(file)).isEmpty();
        assertThat(logs.warnings()).singleElement().asString().contains(file.toString()).contains("64 hex characters");
    }

    @Test
    void keyOf65HexCharactersGivesNoKey() throws IOException {
        Path file = keyFile(KEY_HEX + "0\n", "rw-r-----");

        assertThat(HookKey.load(file)).isEmpty();
        assertThat(logs.warnings()).hasSize(1);
    }

    @Test
    void keyWithNonHexCharacterGivesNoKey() throws IOException {
        Path file = keyFile("g" + KEY_HEX.substring(1) + "\n", "rw-r-----");

        assertThat(HookKey.load(file)).isEmpty();
        assertThat(logs.warnings()).hasSize(1);
    }

    @Test
    void emptyFileGivesNoKey() throws IOException {
        Path file = keyFile("", "rw-r-----");

        assertThat(HookKey.load(file)).isEmpty();
        assertThat(logs.warnings()).hasSize(1);
    }

    @Test
    void rawKeyBytesGiveNoKey() throws IOException {
        Path file = dir.resolve("hook.key");
        Files.write(file, HexFormat.of().parseHex(KEY_HEX + KEY_HEX));

        assertThat(HookKey.load(file)).isEmpty();
        assertThat(logs.warnings()).hasSize(1);
    }

    @Test
    void malformedKeyWarningDoesNotShowContent() throws IOException {
        String almostKey = KEY_HEX.substring(0, 60);
        Path file = keyFile(almostKey + "\n", "rw-r-----");

        HookKey.load(file);

        assertThat(logs.warnings()).singleElement().asString().doesNotContain(almostKey);
    }

    @Test
    void worldReadableKeyLoadsWithWarning() throws IOException {
        Path file = keyFile(KEY_HEX + "\n", "rw-r--r--");

        Optional<byte[]> key = HookKey.load(file);

        assertThat(key).isPresent();
        assertThat(logs.warnings()).singleElement().asString().contains("readable by every user").contains("chmod 0640");
    }

    @Test
    void groupReadableKeyLoadsWithoutWarning() throws IOException {
        Path file = keyFile(KEY_HEX + "\n", "rw-r-----");

        HookKey.load(file);

        assertThat(logs.warnings()).isEmpty();
    }

    private Path keyFile(String content, String permissions) throws IOException {
        Path file = dir.resolve("hook.key");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
