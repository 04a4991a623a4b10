package org.miniops.plugins.fail2ban;

/**
 * Signals a fail2ban configuration that fail2ban itself rejects as a whole, so
 * {@code fail2ban-server} would not start with it: a syntax error, a duplicate option, or an
 * {@code %(name)s} reference that cannot be resolved.
 *
 * <p>The message follows the wording of Python's configparser and of fail2ban where they
 * report the same problem, and names the file and line when one is known.
 */
public final class Fail2BanConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public Fail2BanConfigException(String message) {
        super(message);
    }
}
