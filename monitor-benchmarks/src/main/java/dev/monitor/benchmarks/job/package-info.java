/**
 * Job monitoring benchmarks: the cost of a check-in on the caller's thread, beside a plain {@code Runnable}.
 */
@NullMarked
package dev.monitor.benchmarks.job;

import org.jspecify.annotations.NullMarked;
