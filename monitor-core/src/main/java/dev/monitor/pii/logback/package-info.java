/**
 * Logback integration: scrubs formatted log lines or messages with a
 * {@link dev.monitor.pii.Scrubber}. Used only when logback-classic is on the class path.
 */
@NullMarked
package dev.monitor.pii.logback;

import org.jspecify.annotations.NullMarked;
