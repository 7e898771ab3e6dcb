package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.support.SampleNotifications;
import java.time.Duration;
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
}
