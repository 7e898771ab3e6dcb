/**
 * Pieces the features share: the monitors' own scheduler threads, the message for a name that is not there, the
 * bounded lock-free queue callers hand their records to (alerts, job check-ins) and the text form of durations.
 * Not API: may change in any release.
 */
@NullMarked
package dev.monitor.config.internal;

import org.jspecify.annotations.NullMarked;
