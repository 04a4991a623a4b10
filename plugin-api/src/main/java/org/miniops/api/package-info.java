/**
 * The published contract between the Mini-Ops agent and its plugins.
 *
 * <p>A plugin is a PF4J jar that contributes {@link org.miniops.api.AuditCheck audit checks}
 * or {@link org.miniops.api.Notifier notifiers}. Checks inspect the machine only through the
 * {@link org.miniops.api.Host} they are given, so the same check runs against the live system,
 * a mounted image, or a test fixture tree. This package holds no agent machinery and no
 * Helidon types; it changes only in compatible steps.
 */
package org.miniops.api;
