/**
 * Pieces the features share: the monitors' own scheduler threads, the message for a name that is not there, the
 * bounded lock-free queue callers hand their records to (alerts, job check-ins), the text form of durations, and
 * what the health checks, uptime probes and backup verifier share: argument checks, failure texts, the shared HTTP
 * clients, a bounded response body, and the newest files matching a glob; and the bearer tokens of the HTTP
 * endpoints (job check-ins, the operator API).
 * Not API: may change in any release.
 */
@NullMarked
package dev.monitor.config.internal;

import org.jspecify.annotations.NullMarked;
