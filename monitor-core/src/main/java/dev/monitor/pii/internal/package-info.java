/**
 * Implementation of the PII scrubber: the single-pass text scanner, its validators and the
 * structural walk. Not API: may change in any release; use {@link dev.monitor.pii.Scrubber}.
 */
@NullMarked
package dev.monitor.pii.internal;

import org.jspecify.annotations.NullMarked;
