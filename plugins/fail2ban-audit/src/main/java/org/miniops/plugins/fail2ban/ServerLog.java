package org.miniops.plugins.fail2ban;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import org.miniops.api.Host;

/**
 * Reads the last error fail2ban-server wrote to its log file, the usual place to learn why it
 * stopped.
 *
 * <p>Errors that stop the server before it opens its log, such as a missing jail log file, go
 * to standard error instead, which systemd keeps in the journal.
 */
final class ServerLog {

    /** How much of the end of the log is searched; a year of a quiet server's log is smaller. */
    static final int TAIL_BYTES = 256 * 1024;

    private ServerLog() {
    }

    /**
     * Returns the last {@code ERROR} or {@code CRITICAL} line in the last {@link #TAIL_BYTES} of
     * {@code logFile}, or empty when there is none or the file does not exist.
     *
     * @throws java.nio.file.AccessDeniedException if the log may not be read
     */
    static Optional<String> lastError(Host host, String logFile) throws IOException {
        String tail;
        try (SeekableByteChannel channel = Files.newByteChannel(host.resolve(logFile))) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            channel.position(start);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // Keep reading until the tail is in the buffer.
            }
            tail = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (java.nio.file.AccessDeniedException e) {
            throw new java.nio.file.AccessDeniedException(logFile, null, "permission denied");
        }

        List<String> lines = tail.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (!ClientFailure.messages(line, "ERROR").isEmpty() || !ClientFailure.messages(line, "CRITICAL").isEmpty()) {
                return Optional.of(line.strip());
            }
        }
        return Optional.empty();
    }
}
