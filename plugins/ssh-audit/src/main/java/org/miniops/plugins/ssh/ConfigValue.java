package org.miniops.plugins.ssh;

/**
 * Value sshd uses for one keyword, with where it came from.
 *
 * @param keyword canonical keyword, for example {@code PasswordAuthentication}
 * @param value the value as written in the file, or as sshd printed it
 * @param origin where the value came from
 * @param file host path of the file that set it, or null unless {@code origin} is {@link Origin#FILE}
 * @param line 1-based line number in {@code file}, or 0
 */
record ConfigValue(String keyword, String value, Origin origin, String file, int line) {

    /** Source of a value. */
    enum Origin {
        /** A line in a config file. */
        FILE,
        /** No line sets the keyword, so sshd uses its built-in default. */
        OPENSSH_DEFAULT,
        /** {@code sshd -T} printed it, but no readable line accounts for it. */
        SSHD_ONLY
    }

    static ConfigValue fromFile(String keyword, String value, String file, int line) {
        return new ConfigValue(keyword, value, Origin.FILE, file, line);
    }

    static ConfigValue openSshDefault(String keyword, String value) {
        return new ConfigValue(keyword, value, Origin.OPENSSH_DEFAULT, null, 0);
    }

    static ConfigValue reportedBySshd(String keyword, String value) {
        return new ConfigValue(keyword, value, Origin.SSHD_ONLY, null, 0);
    }

    /** Returns where the value came from: {@code file:line}, {@code OpenSSH default} or {@code sshd -T}. */
    String location() {
        return switch (origin) {
            case FILE -> file + ":" + line;
            case OPENSSH_DEFAULT -> "OpenSSH default";
            case SSHD_ONLY -> "sshd -T";
        };
    }

    /** Returns the value as sshd_config text, for example {@code PasswordAuthentication yes}. */
    String setting() {
        return keyword + " " + value;
    }

    /** Returns the setting with its location, for example {@code PasswordAuthentication yes (/etc/ssh/sshd_config:3)}. */
    String evidence() {
        return setting() + " (" + location() + ")";
    }

    /** Returns whether the value means {@code yes}, ignoring case as sshd does. */
    boolean isYes() {
        return SshdKeywords.isYes(value);
    }
}
