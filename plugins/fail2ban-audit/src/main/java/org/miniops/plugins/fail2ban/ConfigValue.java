package org.miniops.plugins.fail2ban;

/**
 * Raw option value from a fail2ban configuration file, before {@code %(name)s} interpolation.
 *
 * @param text the value with continuation lines joined by newlines
 * @param file host path of the file that set it
 * @param line line number of the option name in {@code file}, counting from 1
 */
record ConfigValue(String text, String file, int line) {

    /** Returns {@code file:line}, the form evidence lines use. */
    String location() {
        return file + ":" + line;
    }
}
