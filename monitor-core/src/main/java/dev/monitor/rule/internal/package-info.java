/**
 * Implementation of alert rules: signal readers over Micrometer meters, the per-rule state machine,
 * summary templates and the health-alert tracker. Not API: may change in any release.
 */
@NullMarked
package dev.monitor.rule.internal;

import org.jspecify.annotations.NullMarked;
