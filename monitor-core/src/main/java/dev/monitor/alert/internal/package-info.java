/**
 * Implementation of the alert dispatcher: the caller-side queue, the routing and grouping engine, the
 * per-channel delivery pipelines and the outbox encoding. Not API: may change in any release.
 */
@NullMarked
package dev.monitor.alert.internal;

import org.jspecify.annotations.NullMarked;
