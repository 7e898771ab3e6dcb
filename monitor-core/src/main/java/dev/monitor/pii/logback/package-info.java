/**
 * Logback integration: scrubs what Logback writes with a {@link dev.monitor.pii.Scrubber}, either the whole line
 * ({@link dev.monitor.pii.logback.ScrubbingEncoder}: message, arguments, exceptions, every MDC value and key-value
 * pair, those knowing their key) or single conversion words ({@code %msg}, {@code %X}, {@code %ex}, {@code %kvp}).
 * Used only when logback-classic is on the class path.
 */
@NullMarked
package dev.monitor.pii.logback;

import org.jspecify.annotations.NullMarked;
