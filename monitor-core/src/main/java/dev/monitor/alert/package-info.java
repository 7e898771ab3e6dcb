/**
 * The alert dispatcher: build an {@link dev.monitor.alert.Alert}, {@link dev.monitor.alert.AlertDispatcher#fire fire}
 * it from any thread, and the dispatcher routes, deduplicates, groups, silences, inhibits and delivers it
 * through {@link dev.monitor.alert.channel.AlertChannel channels} on its own threads, with a durable outbox.
 *
 * <p>Inside, a one-way pipeline; each stage is one class of {@code dev.monitor.alert.internal} (not API) with a
 * narrow interface, data moves forward as immutable values, results flow on as events, and no stage calls back
 * into an earlier one:
 *
 * <pre>
 *  caller thread        dispatcher thread                                         channel's threads
 *  AlertDispatcher.fire
 *        │ offer, never blocks
 *        ▼
 *     Intake ═══▶ Decisions ──▶ AlertEngine ──▶ Outbox ──▶ ChannelDelivery ──▶ AlertChannel.send
 *   (bounded     scrub, dedup,  route, group,   durable    rate limit, retry,    (the HTTP request)
 *    queue)      escalation     suppress        record     breaker, timeout,
 *                                                          fallback, storm fold
 *                                                               │ DeliveryOutcome events
 *                                                               ▼
 *                                                          Completion ──▶ records, history, incidents,
 *                                                                         listeners, meters, logs
 * </pre>
 *
 * <p>The walk from {@code fire()} to a channel's HTTP request leaves {@code AlertDispatcher} and crosses six classes,
 * each once, with no re-entry: {@code AlertDispatcher} → {@code Intake} → {@code Decisions} → {@code AlertEngine} → {@code Outbox} →
 * {@code ChannelDelivery} → {@code AlertChannel.send}. The dispatcher thread ({@code DispatcherCore}) only drives
 * the stages: it drains the intake into decisions and runs each stage's timers in pipeline order. Meter names and
 * base units: {@link dev.monitor.alert.AlertMeters}; journal bounds: {@link dev.monitor.alert.JournalOptions}.
 */
@NullMarked
package dev.monitor.alert;

import org.jspecify.annotations.NullMarked;
