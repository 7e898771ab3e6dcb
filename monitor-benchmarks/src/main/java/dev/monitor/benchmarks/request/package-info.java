/**
 * Benchmarks of the request context: ID generation against {@code UUID.randomUUID()}, and the
 * servlet filter against a no-op filter.
 */
@NullMarked
package dev.monitor.benchmarks.request;

import org.jspecify.annotations.NullMarked;
