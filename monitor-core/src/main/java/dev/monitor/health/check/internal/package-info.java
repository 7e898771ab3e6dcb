/**
 * Implementation details of the built-in health checks. Not API: may change without notice.
 */
@NullMarked
package dev.monitor.health.check.internal;

import org.jspecify.annotations.NullMarked;
