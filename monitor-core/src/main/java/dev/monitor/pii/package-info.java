/**
 * PII scrubbing: one engine for everything that leaves the process (Sentry events, alert
 * payloads, health error text, slow-query logs, log lines).
 *
 * <p>Start with {@link dev.monitor.pii.Scrubber#defaults()} or
 * {@link dev.monitor.pii.Scrubber#builder()}. Custom value detectors plug in through
 * {@link dev.monitor.pii.PiiDetector}.
 */
@NullMarked
package dev.monitor.pii;

import org.jspecify.annotations.NullMarked;
