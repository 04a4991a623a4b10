package org.miniops.plugins.ssh;

/**
 * Config line that sshd rejects, so sshd refuses to start (or reload) with these files.
 *
 * @param keyword canonical keyword of the line, {@code Include} or {@code Match} for lines that
 *     affect every setting
 * @param file host path of the file
 * @param line 1-based line number
 * @param message what is wrong, in sshd's words where possible
 */
record ConfigProblem(String keyword, String file, int line, String message) {

    /** Returns the problem as sshd reports it, for example {@code /etc/ssh/sshd_config line 3: invalid quotes}. */
    String describe() {
        return file + " line " + line + ": " + message;
    }
}
