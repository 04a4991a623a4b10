package org.miniops.agent.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookKeySourceTest {

    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    @Test
    void keyInstalledAfterStartIsPickedUp() throws IOException {
        Path file = dir.resolve("hook.key");
        HookKeySource source = new HookKeySource(file, Duration.ZERO).load();
        assertThat(source.current()).isEmpty();

        Files.writeString(file, KEY + "\n");

        assertThat(source.current()).isPresent();
        assertThat(source.current().get().sign(1_700_000_000L, "0".repeat(32), new byte[0]))
                .isEqualTo(new HookSignature(java.util.HexFormat.of().parseHex(KEY)).sign(1_700_000_000L, "0".repeat(32), new byte[0]));
    }

    @Test
    void missingKeyRetryWaitsForInterval() throws IOException {
        Path file = dir.resolve("hook.key");
        HookKeySource source = new HookKeySource(file, Duration.ofHours(1)).load();

        Files.writeString(file, KEY);

        assertThat(source.current()).isEmpty();
    }
}
