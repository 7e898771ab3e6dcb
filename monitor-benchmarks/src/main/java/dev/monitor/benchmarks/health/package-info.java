/**
 * Health registry benchmarks: parallel execution against a sequential loop, and rendering.
 */
@NullMarked
package dev.monitor.benchmarks.health;

import org.jspecify.annotations.NullMarked;
