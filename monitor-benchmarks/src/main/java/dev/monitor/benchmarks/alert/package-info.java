/**
 * Alert dispatcher benchmarks: the cost of {@code fire()} on the caller's thread, beside a plain
 * {@code ExecutorService.execute} hand-off.
 */
@NullMarked
package dev.monitor.benchmarks.alert;

import org.jspecify.annotations.NullMarked;
