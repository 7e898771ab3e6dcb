package dev.monitor.examples.spring;

import dev.monitor.status.NewMaintenance;
import dev.monitor.status.StatusPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Announces a maintenance window on the status page when the demo starts, as an operator would through
 * {@link StatusPage#board()}: tomorrow 02:00 to 02:30 UTC, affecting Ordering, left out of its uptime. During the window
 * the alerts of Ordering's checks are silenced.
 */
@Component
class MaintenanceAnnouncement {

    private final ObjectProvider<StatusPage> page;

    MaintenanceAnnouncement(ObjectProvider<StatusPage> page) {
        this.page = page;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        StatusPage status = page.getIfAvailable();
        if (status == null || !status.board().maintenances().isEmpty()) {
            return; // no page, or announced already (a state directory keeps it across restarts)
        }
        Instant start = LocalDate.now(Clock.systemUTC()).plusDays(1).atTime(2, 0).toInstant(ZoneOffset.UTC);
        status.board().schedule(new NewMaintenance("Database maintenance",
                "Orders can be viewed but not placed for up to 30 minutes while we upgrade the database.",
                Set.of("ordering"), start, start.plus(Duration.ofMinutes(30)), true));
    }
}
