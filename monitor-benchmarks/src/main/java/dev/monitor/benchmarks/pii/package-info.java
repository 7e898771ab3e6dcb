/**
 * Benchmarks of the PII scrubber against a naive sequential-regex scrubber, on a Sentry-like event.
 */
@NullMarked
package dev.monitor.benchmarks.pii;

import org.jspecify.annotations.NullMarked;
