/**
 * Implementation of the Logback integration: the scrubbed view of a logging event. Not API.
 */
@NullMarked
package dev.monitor.pii.logback.internal;

import org.jspecify.annotations.NullMarked;
