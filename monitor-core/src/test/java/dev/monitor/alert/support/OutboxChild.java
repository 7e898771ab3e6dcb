package dev.monitor.alert.support;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertHandle;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStats;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.WebhookChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The process {@code OutboxRestartTest} kills: fires alerts at a webhook that is down, resolves one,
 * prints {@code READY} once three notifications wait in its outbox and the journal's periodic sync has run,
 * then waits to be killed. Its clock is a {@link ManualClock} (starting now, so that the restarted process,
 * on the real clock, finds the notifications fresh): the group interval and the journal's sync interval pass
 * when this process says, not when a busy machine lets them.
 */
public final class OutboxChild {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private OutboxChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path stateDirectory = Path.of(args[0]);
        String url = args[1];
        ManualClock clock = new ManualClock(Instant.now());
        WebhookChannel webhook = WebhookChannel.builder().url(url).build();
        AlertDispatcher dispatcher = AlertDispatcher.builder()
                .channel(webhook, DeliveryPolicy.from(webhook.defaultPolicy())
                        .backoff(Duration.ofMinutes(10), 2, Duration.ofMinutes(10)).build())
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).groupInterval(Duration.ofMillis(100)).build())
                .stateDirectory(stateDirectory)
                .clock(clock)
                .build();
        AlertHandle resolvedBeforeTheCrash = dispatcher.fire(Alert.builder("ResolvedBeforeCrash")
                .severity(AlertSeverity.HIGH).label("service", "orders").build());
        dispatcher.fire(Alert.builder("FiringAtCrash").severity(AlertSeverity.CRITICAL).label("service", "orders").build());
        dispatcher.fire(Alert.builder("FiringAtCrash").severity(AlertSeverity.CRITICAL).label("service", "billing").build());
        Await.dispatcherRound(dispatcher);
        Await.until(WAIT, () -> !dispatcher.stats().channel("webhook").failedAttempts().isEmpty(), "a failed attempt");
        resolvedBeforeTheCrash.resolve();
        Await.dispatcherRound(dispatcher);
        clock.advance(Duration.ofMillis(100)); // the group interval: the resolution is notified (into the outbox)
        Await.dispatcherRound(dispatcher);
        Await.until(WAIT, () -> {
            AlertStats stats = dispatcher.stats();
            return stats.resolved() == 1 && stats.outboxSize() == 3 && stats.activeAlerts() == 2;
        }, () -> "three notifications in the outbox: " + dispatcher.stats());
        clock.advance(Duration.ofMillis(200)); // let the journal's periodic sync pass once; the kill must not need it
        Await.dispatcherRound(dispatcher);
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
