package dev.monitor.spring.alert;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertEventListener;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.pii.Scrubber;
import dev.monitor.rule.SecurityEventAlerts;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Alerts. Defines:
 * <ul>
 *   <li>the {@link AlertDispatcher} bean: the channels switched on by {@code monitor.alerts.*} (the log channel by
 *       default; webhook, Slack, Discord, Teams, PagerDuty, Alertmanager and e-mail by their URL or key property, or
 *       by their documented environment variable), every {@link AlertChannel} bean, the routing of
 *       {@code monitor.alerts.routing.*}, the durable outbox in {@code monitor.alerts.state-directory}, the
 *       {@link Scrubber} bean for every outgoing text, {@code monitor.alerts.*} meters in the {@link MeterRegistry},
 *       every {@link AlertEventListener} bean, then the {@link AlertDispatcherCustomizer} beans; closed at shutdown
 *       (what is undelivered stays in the outbox);
 *   <li>{@link SecurityEventAlerts}: the request monitor's security events (repeated 401/403 from one client) become
 *       {@code RepeatedAuthenticationFailures} alerts ({@code monitor.alerts.security-events.*}); the request
 *       auto-configuration attaches it as a {@code SecurityEventListener}.
 * </ul>
 * Off with {@code monitor.alerts.enabled=false}: health, requests and JDBC work the same without alerts.
 */
@AutoConfiguration(after = {MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "monitor.alerts.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorAlertsProperties.class)
public final class MonitorAlertsAutoConfiguration {

    MonitorAlertsAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    AlertDispatcher monitorAlertDispatcher(MonitorAlertsProperties properties, Environment environment,
            ObjectProvider<Scrubber> scrubber, ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<AlertChannel> channelBeans, ObjectProvider<AlertEventListener> listeners,
            ObjectProvider<AlertDispatcherCustomizer> customizers, ConfigurableListableBeanFactory beanFactory) {
        List<AlertChannel> channels = new ArrayList<>(new ConfiguredAlertChannels(Binder.get(environment),
                properties.isEnvironmentVariables(), environment::getProperty, beanFactory.getBeanClassLoader()).build());
        channelBeans.orderedStream().forEach(channels::add);
        if (channels.isEmpty()) {
            throw new IllegalStateException("monitor.alerts has no channel: monitor.alerts.log.enabled is false and no "
                    + "other channel is configured; configure one (e.g. monitor.alerts.webhook.url) or set "
                    + "monitor.alerts.enabled=false");
        }
        Set<String> names = new LinkedHashSet<>();
        AlertDispatcher.Builder builder = AlertDispatcher.builder();
        for (AlertChannel channel : channels) {
            names.add(channel.name());
            builder.channel(channel);
        }
        builder.route(route(properties.getRouting(), names))
                .scrubber(scrubber.getIfUnique(Scrubber::defaults))
                .historySize(properties.getHistorySize())
                .closeTimeout(properties.getCloseTimeout());
        if (properties.getStateDirectory() != null) {
            builder.stateDirectory(Path.of(properties.getStateDirectory().strip()));
        }
        meterRegistry.ifUnique(builder::meterRegistry);
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "monitor.alerts.security-events.enabled", matchIfMissing = true)
    SecurityEventAlerts monitorSecurityEventAlerts(AlertDispatcher dispatcher, MonitorAlertsProperties properties) {
        MonitorAlertsProperties.SecurityEvents settings = properties.getSecurityEvents();
        return SecurityEventAlerts.builder(dispatcher)
                .quietPeriod(settings.getQuietPeriod())
                .severity(settings.getSeverity())
                .maxClients(settings.getMaxClients())
                .build();
    }

    /** The routing tree of the properties: a root for every alert, one child per severity with its own channels. */
    static AlertRoute route(MonitorAlertsProperties.Routing routing, Set<String> channels) {
        AlertRoute.Builder root = AlertRoute.builder()
                .groupBy(routing.getGroupBy().stream().map(String::strip).toArray(String[]::new))
                .groupWait(routing.getGroupWait())
                .groupInterval(routing.getGroupInterval())
                .repeatInterval(routing.getRepeatInterval())
                .sendResolved(routing.isSendResolved());
        if (!routing.getChannels().isEmpty()) {
            root.channels(known("monitor.alerts.routing.channels", routing.getChannels(), channels));
        }
        for (Map.Entry<AlertSeverity, List<String>> entry : routing.getSeverity().entrySet()) {
            String property = "monitor.alerts.routing.severity." + entry.getKey().label();
            root.route(AlertRoute.builder()
                    .name("severity-" + entry.getKey().label())
                    .match(AlertMatcher.severity(entry.getKey()))
                    .channels(known(property, entry.getValue(), channels))
                    .build());
        }
        return root.build();
    }

    private static String[] known(String property, List<String> names, Set<String> channels) {
        String[] stripped = names.stream().map(String::strip).toArray(String[]::new);
        for (String name : stripped) {
            if (!channels.contains(name)) {
                throw new IllegalArgumentException(property + " names channel '" + name + "', which is not configured; "
                        + "the configured channels are " + channels);
            }
        }
        return stripped;
    }
}
