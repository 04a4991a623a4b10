package org.miniops.plugins.ssh;

/**
 * Config file or Include directory that the agent could not read, so the settings in it are unknown.
 *
 * @param path host path of the file or directory
 * @param reason why reading failed, for example {@code permission denied}
 */
record UnreadableFile(String path, String reason) {

    /** Returns the path and reason as one evidence line. */
    String describe() {
        return "cannot read " + path + ": " + reason;
    }
}
