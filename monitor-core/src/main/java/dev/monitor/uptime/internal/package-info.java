/**
 * Implementation of uptime checks: the probe, the per-target state machine and the bounded history.
 * Not API: may change in any release.
 */
@NullMarked
package dev.monitor.uptime.internal;

import org.jspecify.annotations.NullMarked;
