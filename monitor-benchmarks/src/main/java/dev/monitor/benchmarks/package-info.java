/**
 * JMH benchmarks, each beside a baseline measured in the same run.
 */
@NullMarked
package dev.monitor.benchmarks;

import org.jspecify.annotations.NullMarked;
