/**
 * The alert dispatcher: build an {@link dev.monitor.alert.Alert}, {@link dev.monitor.alert.AlertDispatcher#fire fire}
 * it from any thread, and the dispatcher routes, deduplicates, groups, silences, inhibits and delivers it
 * through {@link dev.monitor.alert.channel.AlertChannel channels} on its own threads, with a durable outbox.
 *
 * <p>Implementation detail lives in {@code dev.monitor.alert.internal}, which is not API.
 */
@NullMarked
package dev.monitor.alert;

import org.jspecify.annotations.NullMarked;
