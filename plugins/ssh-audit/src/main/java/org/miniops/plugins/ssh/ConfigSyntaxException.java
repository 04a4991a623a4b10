package org.miniops.plugins.ssh;

/** Signals a config line that sshd rejects, for example a keyword without an argument. */
final class ConfigSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String keyword;

    ConfigSyntaxException(String keyword, String message) {
        super(message);
        this.keyword = keyword;
    }

    /** Keyword of the rejected line, as written. */
    String keyword() {
        return keyword;
    }
}
