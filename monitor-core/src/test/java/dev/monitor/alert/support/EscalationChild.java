package dev.monitor.alert.support;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.channel.SmsChannel;
import dev.monitor.alert.channel.WebhookChannel;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.EscalationPolicy;
import dev.monitor.alert.escalation.EscalationTarget;
import dev.monitor.alert.escalation.OnCallResponder;
import dev.monitor.alert.escalation.OnCallSchedule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The process {@code EscalationRestartTest} kills: fires a CRITICAL whose policy notifies a chat webhook at
 * once, the on-call by SMS (a Twilio-compatible loopback server) after 1 s and a pager webhook 4 s later; prints
 * {@code READY} once the SMS is delivered and the journal's periodic sync has run, then waits to be killed.
 * Its clock is a {@link ManualClock} from {@link #START}: it only moves as far as level 2, so the pager cannot
 * be due before the kill, however slow the machine.
 */
public final class EscalationChild {

    /** When the child fires its alert. */
    public static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    /** Where the child's clock stands when it prints {@code READY}. */
    public static final Instant READY_AT = START.plusMillis(1200);

    private static final Duration WAIT = Duration.ofSeconds(60);

    private EscalationChild() {
    }

    /** The dispatcher both processes use, on real channels against {@code baseUrl}, on {@code clock}. */
    public static AlertDispatcher dispatcher(Path stateDirectory, String baseUrl, Clock clock) {
        EscalationPolicy policy = EscalationPolicy.builder("critical")
                .level(Duration.ZERO, EscalationTarget.route())
                .level(Duration.ofSeconds(1), EscalationTarget.onCall("primary", "sms"))
                .level(Duration.ofSeconds(4), EscalationTarget.channel("pager"))
                .noRepeat()
                .build();
        EscalationConfig escalation = EscalationConfig.builder().policy(AlertSeverity.CRITICAL, policy)
                .schedule(OnCallSchedule.builder("primary").zone(ZoneId.of("UTC")).daily(LocalTime.MIDNIGHT)
                        .startingOn(LocalDate.of(2020, 1, 1)).responders("alice").build())
                .responder(OnCallResponder.builder("alice").contact("sms", "+4915111111111").build())
                .build();
        return AlertDispatcher.builder()
                .channel(WebhookChannel.builder().name("chat").url(baseUrl + "/chat").build())
                .channel(WebhookChannel.builder().name("pager").url(baseUrl + "/pager").build())
                .channel(SmsChannel.builder().accountSid("AC0123").authToken("token").from("+15005550006").endpoint(baseUrl).build())
                .route(AlertRoute.builder().channels("chat").groupByEachAlert().groupWait(Duration.ZERO).build())
                .escalation(escalation)
                .stateDirectory(stateDirectory)
                .clock(clock)
                .build();
    }

    public static void main(String[] args) throws InterruptedException {
        ManualClock clock = new ManualClock(START);
        AlertDispatcher dispatcher = dispatcher(Path.of(args[0]), args[1], clock);
        dispatcher.fire(Alert.builder("ApiDown").severity(AlertSeverity.CRITICAL).label("service", "orders").build());
        Await.dispatcherRound(dispatcher);
        Await.until(WAIT, () -> dispatcher.stats().channel("chat").delivered() == 1, "level 1: the chat");
        clock.advance(Duration.ofSeconds(1));
        Await.dispatcherRound(dispatcher);
        Await.until(WAIT, () -> {
            AlertIncident incident = dispatcher.incidents().isEmpty() ? null : dispatcher.incidents().get(0);
            return incident != null && incident.level() == 2 && dispatcher.stats().channel("sms").delivered() == 1
                    && dispatcher.stats().outboxSize() == 0;
        }, "level 2: the SMS");
        clock.set(READY_AT); // the journal syncs every 100 ms of the dispatcher's time: let one sync pass
        Await.dispatcherRound(dispatcher);
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
