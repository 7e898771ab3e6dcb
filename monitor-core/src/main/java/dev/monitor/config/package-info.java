/**
 * The limits every builder of the library applies to names and durations: {@link dev.monitor.config.Names}
 * (the safe character set of check, group, alert, channel, route, rule and target names, and of label keys)
 * and {@link dev.monitor.config.DurationLimits} (the upper bounds of timeouts and periods).
 *
 * <p>Names reach URLs, log lines, metric tags, JSON and HTML, so they are restricted at registration; values
 * may be anything and are escaped or scrubbed on output instead.
 */
@NullMarked
package dev.monitor.config;

import org.jspecify.annotations.NullMarked;
