package org.miniops.plugins.ufw;

import java.util.List;

/**
 * Rules read from one of ufw's rule files, {@code /etc/ufw/user.rules} or {@code user6.rules}.
 *
 * @param rules the rules in file order, which is the order ufw evaluates them
 * @param skipped tuple lines ufw itself would skip as malformed, each with its line number and the reason
 */
public record UfwRulesFile(List<UfwRule> rules, List<String> skipped) {

    public UfwRulesFile {
        rules = List.copyOf(rules);
        skipped = List.copyOf(skipped);
    }
}
