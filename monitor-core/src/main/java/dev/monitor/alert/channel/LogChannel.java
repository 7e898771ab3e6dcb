package dev.monitor.alert.channel;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes notifications to SLF4J (logger {@code dev.monitor.alert.notifications} unless set): firing
 * ones at WARN, resolved ones and notices (every firing alert of severity {@code INFO}) at INFO, one multi-line
 * message per notification. The simplest channel,
 * and a safe fallback for the others.
 *
 * <pre>{@code
 * AlertDispatcher.builder().channel(LogChannel.create()).build();
 * }</pre>
 */
public final class LogChannel implements AlertChannel {

    /** The logger notifications are written to unless {@link Builder#logger(String)} names another. */
    public static final String DEFAULT_LOGGER = "dev.monitor.alert.notifications";

    private final String name;
    private final Logger logger;
    private final int maxAlerts;

    private LogChannel(Builder builder) {
        this.name = builder.name;
        this.logger = LoggerFactory.getLogger(builder.loggerName);
        this.maxAlerts = builder.maxAlerts;
    }

    /** A log channel named {@code log} with the default logger. */
    public static LogChannel create() {
        return builder().build();
    }

    /** A builder: name {@code log}, logger {@code dev.monitor.alert.notifications}, 20 alerts listed. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        // a notice (every firing alert of severity INFO, e.g. BackupVerified) is news, not a warning
        boolean warning = notification.firingCount() > 0 && notification.highestSeverity() != AlertSeverity.INFO;
        return new ChannelPayload("text/plain", NotificationText.plain(notification, maxAlerts),
                Map.of("level", warning ? "WARN" : "INFO"));
    }

    @Override
    public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
        String text = payload.body().stripTrailing();
        if ("WARN".equals(payload.field("level"))) {
            logger.warn("{}", text);
        } else {
            logger.info("{}", text);
        }
        return DeliveryResult.delivered();
    }

    /** Up to 100 notifications a second; logging is cheap but a storm should still be summarized. */
    @Override
    public DeliveryPolicy defaultPolicy() {
        return DeliveryPolicy.builder().rateLimit(100, Duration.ofSeconds(1)).attemptTimeout(Duration.ofSeconds(5)).build();
    }

    /** Builds a {@link LogChannel}. */
    public static final class Builder {
        private String name = "log";
        private String loggerName = DEFAULT_LOGGER;
        private int maxAlerts = 20;

        private Builder() {
        }

        /** The channel name (default {@code log}). */
        public Builder name(String name) {
            this.name = ChannelSettings.name(name);
            return this;
        }

        /** The SLF4J logger name (default {@code dev.monitor.alert.notifications}). */
        public Builder logger(String loggerName) {
            Objects.requireNonNull(loggerName, "loggerName");
            if (loggerName.isBlank()) {
                throw new IllegalArgumentException("logger name must not be blank");
            }
            this.loggerName = loggerName;
            return this;
        }

        /** How many alerts a message lists before "+N more" (default 20). */
        public Builder maxAlerts(int maxAlerts) {
            this.maxAlerts = ChannelSettings.maxAlerts(maxAlerts, Integer.MAX_VALUE);
            return this;
        }

        /** Builds the channel. */
        public LogChannel build() {
            return new LogChannel(this);
        }
    }
}
