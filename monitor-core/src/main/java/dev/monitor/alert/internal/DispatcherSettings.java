package dev.monitor.alert.internal;

import dev.monitor.alert.AlertEventListener;
import dev.monitor.alert.InhibitRule;
import dev.monitor.alert.MaintenanceWindow;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** The validated settings of a dispatcher, handed from the public builder to the implementation. */
public record DispatcherSettings(List<AlertChannel> channels, Map<String, DeliveryPolicy> policies, AlertRoute route,
        List<InhibitRule> inhibitRules, List<MaintenanceWindow> maintenanceWindows, Scrubber scrubber,
        @Nullable MeterRegistry meterRegistry, List<AlertEventListener> listeners, @Nullable Path stateDirectory,
        dev.monitor.alert.JournalOptions journalOptions, int queueCapacity, int maxActiveAlerts, int maxAlertsPerNotification,
        int historySize, Clock clock, Duration closeTimeout, @Nullable EscalationConfig escalation,
        UnaryOperator<String> personNames, dev.monitor.fleet.MonitorStore store) {
}
