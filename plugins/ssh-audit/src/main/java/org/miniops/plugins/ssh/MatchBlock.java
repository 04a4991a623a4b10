package org.miniops.plugins.ssh;

/**
 * {@code Match} block of an sshd_config: the lines from a {@code Match} line to the next one or to
 * the end of that file, including files it includes.
 *
 * <p>An included file's own {@code Match} lines end at the end of that file, and when the file was
 * included from inside a block, its blocks are nested in that block: they apply only when both
 * conditions hold.
 *
 * @param criteria the condition as written after {@code Match}, for example {@code User deploy}
 * @param file host path of the file that contains the {@code Match} line
 * @param firstLine line number of the {@code Match} line
 * @param lastLine line number of the block's last directive in {@code file}
 * @param enclosing the block the file was included from, or null
 * @param unconditional whether the block applies to every connection: {@code Match all}, outside
 *     any conditional block
 */
record MatchBlock(String criteria, String file, int firstLine, int lastLine, MatchBlock enclosing,
                  boolean unconditional) {

    /** Returns the block with its location, for example {@code Match User deploy (/etc/ssh/sshd_config:12-14)}. */
    String describe() {
        String lines = lastLine > firstLine ? firstLine + "-" + lastLine : Integer.toString(firstLine);
        String description = "Match " + criteria + " (" + file + ":" + lines + ")";
        return enclosing == null ? description : description + " inside " + enclosing.describe();
    }
}
