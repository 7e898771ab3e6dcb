package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.support.SampleNotifications;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogChannelTest {

    @Test
    void firingNotificationsAreLoggedAtWarnAndResolvedOnesAtInfo() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.alerts");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            LogChannel channel = LogChannel.builder().logger("test.alerts").maxAlerts(1).build();
            DeliveryContext context = new DeliveryContext("n", 1, Duration.ofSeconds(1));
            assertThat(channel.send(channel.render(SampleNotifications.group()), context).isDelivered()).isTrue();
            assertThat(channel.send(channel.render(SampleNotifications.resolvedGroup()), context).isDelivered()).isTrue();

            assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
            assertThat(appender.list.get(0).getFormattedMessage()).isEqualTo("""
                    [FIRING:1] orders
                    - [CRITICAL] DatabaseDown: primary database unreachable (instance=db-1, service=orders)
                      connection refused for 2 minutes
                    2 alerts, +1 more""");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aFiringNoticeOfSeverityInfoIsLoggedAtInfo() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.notices");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            LogChannel channel = LogChannel.builder().logger("test.notices").build();
            Alert notice = Alert.builder("BackupVerified").severity(AlertSeverity.INFO).label("job", "orders-backup")
                    .summary("backup verified").build();
            AlertNotification notification = new AlertNotification("n-3", "/", "/:{job=\"orders-backup\"}",
                    Map.of("job", "orders-backup"), List.of(new NotifiedAlert(notice, AlertStatus.FIRING,
                            SampleNotifications.STARTS, null)), 1, 0, 1, SampleNotifications.CREATED,
                    SampleNotifications.STALE);
            DeliveryContext context = new DeliveryContext("n", 1, Duration.ofSeconds(1));
            assertThat(channel.send(channel.render(notification), context).isDelivered()).isTrue();

            assertThat(appender.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.INFO);
                assertThat(event.getFormattedMessage()).startsWith("[FIRING:1]").contains("BackupVerified");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }
}
