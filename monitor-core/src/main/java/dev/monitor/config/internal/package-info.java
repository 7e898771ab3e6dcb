/**
 * Pieces the features share: the monitors' own scheduler threads and the message for a name that is not there.
 * Not API: may change in any release.
 */
@NullMarked
package dev.monitor.config.internal;

import org.jspecify.annotations.NullMarked;
