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

/**
 * The process {@code OutboxRestartTest} kills: fires alerts at a webhook that is down, resolves one,
 * prints {@code READY} once three notifications wait in its outbox, then waits to be killed.
 */
public final class OutboxChild {

    private OutboxChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path stateDirectory = Path.of(args[0]);
        String url = args[1];
        WebhookChannel webhook = WebhookChannel.builder().url(url).build();
        AlertDispatcher dispatcher = AlertDispatcher.builder()
                .channel(webhook, DeliveryPolicy.from(webhook.defaultPolicy())
                        .backoff(Duration.ofMinutes(10), 2, Duration.ofMinutes(10)).build())
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).groupInterval(Duration.ofMillis(100)).build())
                .stateDirectory(stateDirectory)
                .build();
        AlertHandle resolvedBeforeTheCrash = dispatcher.fire(Alert.builder("ResolvedBeforeCrash")
                .severity(AlertSeverity.HIGH).label("service", "orders").build());
        dispatcher.fire(Alert.builder("FiringAtCrash").severity(AlertSeverity.CRITICAL).label("service", "orders").build());
        dispatcher.fire(Alert.builder("FiringAtCrash").severity(AlertSeverity.CRITICAL).label("service", "billing").build());
        while (dispatcher.stats().channel("webhook").failedAttempts().isEmpty()) {
            Thread.sleep(10);
        }
        resolvedBeforeTheCrash.resolve();
        while (true) {
            AlertStats stats = dispatcher.stats();
            if (stats.resolved() == 1 && stats.outboxSize() == 3 && stats.activeAlerts() == 2) {
                break;
            }
            Thread.sleep(10);
        }
        Thread.sleep(300); // let the journal's periodic sync pass once; the kill must not need it
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
