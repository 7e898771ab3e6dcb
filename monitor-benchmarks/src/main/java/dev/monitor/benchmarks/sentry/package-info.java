/**
 * Benchmarks of the Sentry scrubbing hooks on a realistic event, beside the raw pass-through and the SDK's own
 * serialization of the same event.
 */
@NullMarked
package dev.monitor.benchmarks.sentry;

import org.jspecify.annotations.NullMarked;
