package org.miniops.scripts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A shared hook key written the way the installer writes it: 64 hex characters and a newline, mode 0640. */
record HookKey(Path file, byte[] bytes) {

    static HookKey createIn(Path directory) throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path file = directory.resolve("hook.key");
        Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        return new HookKey(file, bytes);
    }

    String hex() {
        return HexFormat.of().formatHex(bytes);
    }
}
