package dev.monitor.alert.internal;

import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The completion stage, last of the pipeline: applies each {@link DeliveryOutcome} of the delivery stage. It writes
 * the completion records: a delivered or given-up notification's outbox record goes, a sealed digest or a hand-over
 * to a fallback channel is recorded ({@link StateJournal}); the last notification time of each alert shown
 * ({@link AlertHistory}); a delivery, or an escalation notification's failed delivery, on the timeline of each
 * incident shown ({@link IncidentTimelines}); the listeners' events and the meters of failure reasons. The history and
 * the timelines are record stores the decision stage writes into too, built beside the stages like the journal; they
 * decide nothing and call no stage. Drops and folds are logged at most once per channel and kind per interval, with
 * counts; failed attempts once each (the rate limit and backoff bound them). A channel that starts or stops failing
 * becomes a new {@code AlertNotifierFailing} fire or resolve at the intake, the pipeline's entry, like any caller's:
 * nothing calls back into an earlier stage. Dispatcher thread only.
 */
final class Completion implements Consumer<DeliveryOutcome> {

    private static final Logger log = LoggerFactory.getLogger("dev.monitor.alert.AlertDispatcher");
    /** At most one drop, fold or failure line per channel and kind per this interval. */
    static final long LOG_INTERVAL_MILLIS = 10_000;

    private final StateJournal journal;
    private final AlertHistory history;
    private final IncidentTimelines timelines;
    private final AlertEvents events;
    private final DispatcherCounters counters;
    private final Intake intake;
    private final Clock clock;
    private final AlertRedaction redaction;
    private final LogLimiter limitedLog = new LogLimiter(log, LOG_INTERVAL_MILLIS);
    private Map<String, ChannelDelivery> lanes = Map.of();
    private PipelineMeters meters;

    /**
     * @param history the record store of recent alerts (its last notification times are written here)
     * @param timelines the record store of incidents' timelines (deliveries and failed deliveries are written here)
     */
    Completion(StateJournal journal, AlertHistory history, IncidentTimelines timelines, AlertEvents events,
            DispatcherCounters counters, Intake intake, Clock clock, AlertRedaction redaction) {
        this.journal = journal;
        this.history = history;
        this.timelines = timelines;
        this.events = events;
        this.counters = counters;
        this.intake = intake;
        this.clock = clock;
        this.redaction = redaction;
    }

    /** The lanes (for their failure meters) and the meters, once both exist. */
    void bind(Map<String, ChannelDelivery> lanes, PipelineMeters meters) {
        this.lanes = lanes;
        this.meters = meters;
    }

    @Override
    public void accept(DeliveryOutcome outcome) {
        long now = clock.millis();
        String channel = outcome.channel();
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            delivered(channel, delivered, now);
        } else if (outcome instanceof DeliveryOutcome.Failed failed) {
            failed(channel, failed, now);
        } else if (outcome instanceof DeliveryOutcome.Superseded superseded) {
            journal.remove(superseded.entry().key());
        } else if (outcome instanceof DeliveryOutcome.Expired expired) {
            journal.remove(expired.entry().key());
            // a sealed storm digest stands for every group notification folded into it
            counters.dropped("expired").addAndGet(expired.entry().notification().groupCount());
            limitedLog.warn(channel + "/expired", "alert channel '" + channel + "': dropped notification "
                    + expired.entry().notification().id() + " (expired)", now);
            events.emit(AlertEvent.Type.DROPPED, now, null, channel, expired.entry().notification().id(), "expired");
        } else if (outcome instanceof DeliveryOutcome.FoldExpired expired) {
            for (String key : expired.keys()) {
                journal.remove(key);
            }
            counters.dropped("expired").addAndGet(expired.notifications());
            limitedLog.warn(channel + "/expired", "alert channel '" + channel + "': dropped " + expired.notifications()
                    + " folded notifications (expired)", now);
            events.emit(AlertEvent.Type.DROPPED, now, null, channel, null, "expired");
        } else if (outcome instanceof DeliveryOutcome.Folded folded) {
            if (!folded.keepRecord()) {
                journal.remove(folded.entry().key());
            }
            limitedLog.warn(channel + "/folded", "alert channel '" + channel + "': " + folded.limit()
                    + " notifications wait; further ones are folded into its next digest", now);
        } else if (outcome instanceof DeliveryOutcome.Sealed sealed) {
            journal.put(sealed.digest().key(), StateCodec.encode(sealed.digest()));
            for (String key : sealed.keys()) {
                journal.remove(key);
            }
        } else if (outcome instanceof DeliveryOutcome.HandedOver handed) {
            journal.put(handed.handedTo().key(), StateCodec.encode(handed.handedTo()));
        } else if (outcome instanceof DeliveryOutcome.Failing failing) {
            failing(channel, failing);
        }
    }

    private void delivered(String channel, DeliveryOutcome.Delivered delivered, long now) {
        AlertNotification sent = delivered.sent();
        for (OutboxEntry entry : delivered.entries()) {
            journal.remove(entry.key());
            for (NotifiedAlert shown : entry.notification().alerts()) {
                history.notified(shown.fingerprint(), now);
            }
        }
        timelines.delivered(channel, sent, now);
        if (log.isDebugEnabled()) {
            log.debug("alert channel '{}' delivered notification {} ({} firing, {} resolved{})", channel, sent.id(),
                    sent.firingCount(), sent.resolvedCount(), sent.isDigest() ? ", digest of " + sent.groupCount() + " groups" : "");
        }
        events.emit(AlertEvent.Type.NOTIFIED, now, null, channel, sent.id(), null);
    }

    private void failed(String channel, DeliveryOutcome.Failed failed, long now) {
        String reason = failed.result().reason();
        ChannelDelivery lane = lanes.get(channel);
        if (lane != null && meters != null) {
            meters.failure(lane, reason);
        }
        for (OutboxEntry entry : failed.entries()) {
            journal.remove(entry.key());
        }
        // one line per attempt: attempts are bounded by the channel's rate limit and backoff, unlike drops and folds
        log.warn("alert channel '{}' could not deliver notification {}: {} {}{}", channel, failed.attempted().id(), reason,
                redaction.log(failed.result().detail()), failed.willRetry() ? " (will retry)" : " (not retried)");
        events.emit(AlertEvent.Type.DELIVERY_FAILED, now, null, channel, failed.attempted().id(), reason);
        timelines.failed(channel, failed.attempted(), reason, failed.willRetry(), now);
    }

    private void failing(String channel, DeliveryOutcome.Failing failing) {
        if (failing.failing()) {
            log.warn("alert channel '{}' is failing ({}); raising {}", channel, failing.reason(), OwnAlerts.NOTIFIER_FAILING);
            intake.urgent(OwnAlerts.notifierFailing(channel, failing.reason()));
        } else {
            log.info("alert channel '{}' delivers again", channel);
            intake.urgent(new Intake.Resolution(OwnAlerts.notifierFailing(channel, failing.reason()).fingerprint()));
        }
    }

    /** Writes the limited log lines that are due. */
    void housekeeping(long now) {
        limitedLog.flush(now);
    }

    /** When {@link #housekeeping} next has a line to write. */
    long nextDeadline() {
        return limitedLog.nextDeadline();
    }
}
