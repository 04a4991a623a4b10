package org.miniops.agent.audit;

import org.miniops.api.CheckResult;

/**
 * Result of one check in one audit run, with what identifies the check.
 *
 * @param id check id such as {@code ssh.root-login}
 * @param title check title
 * @param group component the check audits
 * @param pluginId plugin that contributed the check
 * @param result the verdict
 * @param durationMillis how long the check ran
 */
public record CheckOutcome(String id, String title, String group, String pluginId, CheckResult result,
                           long durationMillis) {
}
