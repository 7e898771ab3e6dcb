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
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The process {@code EscalationRestartTest} kills: fires a CRITICAL whose policy notifies a chat webhook at
 * once, the on-call by SMS (a Twilio-compatible loopback server) after 1 s and a pager webhook 4 s later; prints
 * {@code READY} once the SMS is delivered, then waits to be killed.
 */
public final class EscalationChild {

    private EscalationChild() {
    }

    /** The dispatcher both processes use, on real channels against {@code baseUrl}. */
    public static AlertDispatcher dispatcher(Path stateDirectory, String baseUrl) {
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
                .build();
    }

    public static void main(String[] args) throws InterruptedException {
        AlertDispatcher dispatcher = dispatcher(Path.of(args[0]), args[1]);
        dispatcher.fire(Alert.builder("ApiDown").severity(AlertSeverity.CRITICAL).label("service", "orders").build());
        while (true) {
            AlertIncident incident = dispatcher.incidents().isEmpty() ? null : dispatcher.incidents().get(0);
            if (incident != null && incident.level() == 2 && dispatcher.stats().channel("sms").delivered() == 1
                    && dispatcher.stats().outboxSize() == 0) {
                break;
            }
            Thread.sleep(5);
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
