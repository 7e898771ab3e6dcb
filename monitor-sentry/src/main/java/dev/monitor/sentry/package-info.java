/**
 * Sentry integration: {@link dev.monitor.sentry.SentryMonitoring} sets the SDK up from the environment
 * ({@link dev.monitor.sentry.SentrySettings}) with fail-closed hooks that scrub every event, transaction, breadcrumb,
 * log and metric through the PII engine, filter noise ({@link dev.monitor.sentry.NoiseFilter}) and tag errors by
 * category ({@link dev.monitor.sentry.ErrorClassifier}); {@link dev.monitor.sentry.SentryAlertChannel} delivers the
 * alert dispatcher's notifications as Sentry events. The implementation lives in {@code dev.monitor.sentry.internal},
 * which is not API.
 */
@NullMarked
package dev.monitor.sentry;

import org.jspecify.annotations.NullMarked;
