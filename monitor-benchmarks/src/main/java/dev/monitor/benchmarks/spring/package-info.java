/**
 * Benchmarks of the Spring Boot starter: what it adds to an application's startup.
 */
@NullMarked
package dev.monitor.benchmarks.spring;

import org.jspecify.annotations.NullMarked;
