package dev.monitor.status.internal;

import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.health.CheckReport;
import dev.monitor.health.HealthReport;
import dev.monitor.pii.Scrubber;
import dev.monitor.status.ComponentState;
import dev.monitor.status.ComponentStatus;
import dev.monitor.status.PublicIncident;
import dev.monitor.status.IncidentImpact;
import dev.monitor.status.IncidentStatus;
import dev.monitor.status.IncidentUpdate;
import dev.monitor.status.Maintenance;
import dev.monitor.status.MaintenanceStatus;
import dev.monitor.status.PublicComponent;
import dev.monitor.status.PublicStatus;
import dev.monitor.uptime.UptimeDay;
import dev.monitor.uptime.UptimeMonitor;
import dev.monitor.uptime.UptimeSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link PublicStatus}: only public components, each from its own checks and targets, operator incidents and
 * maintenance, and incidents made from alerts of public components' checks and targets, worded generically (no alert
 * name, summary, label value or error text is read into them). Not API.
 */
public final class PublicAssembly {

    /** Days of uptime bars. */
    public static final int DAYS = 90;
    /** How long resolved incidents and completed maintenance stay listed. */
    public static final Duration RECENT = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(PublicAssembly.class);

    /**
     * The sources of one public snapshot.
     *
     * @param title the page title, scrubbed
     * @param components the public components, in order
     * @param report the health report, or {@code null}
     * @param uptime the uptime monitor, or {@code null}
     * @param alerts the dispatcher's incidents (empty without a dispatcher)
     * @param minSeverity the least severe alert that makes an automatic incident
     * @param incidents the operator's incidents
     * @param maintenances the maintenance windows
     * @param maxIncidents most incidents listed
     * @param now the snapshot time
     * @param zone the time zone of the days
     * @param refresh the page's reload interval
     * @param scrubber scrubs the display texts
     */
    public record Sources(String title, List<PublicComponent> components, @Nullable HealthReport report,
            @Nullable UptimeMonitor uptime, List<AlertIncident> alerts, AlertSeverity minSeverity, List<PublicIncident> incidents,
            List<Maintenance> maintenances, int maxIncidents, Instant now, ZoneId zone, Duration refresh, Scrubber scrubber) {
    }

    private PublicAssembly() {
    }

    /** The public snapshot of {@code sources}. */
    public static PublicStatus assemble(Sources sources) {
        Instant now = sources.now();
        List<PublicIncident> all = new ArrayList<>(sources.incidents());
        all.addAll(automatic(sources));
        all.sort(Comparator.comparing((PublicIncident incident) -> incident.resolved()).thenComparing(PublicIncident::createdAt,
                Comparator.reverseOrder()));
        List<PublicIncident> shown = new ArrayList<>();
        for (PublicIncident incident : all) {
            Instant resolvedAt = incident.resolvedAt();
            if ((resolvedAt == null || !resolvedAt.isBefore(now.minus(RECENT))) && shown.size() < sources.maxIncidents()) {
                shown.add(incident);
            }
        }
        List<Maintenance> maintenances = new ArrayList<>();
        for (Maintenance maintenance : sources.maintenances()) {
            if (!maintenance.endsAt().isBefore(now.minus(RECENT))) {
                maintenances.add(maintenance);
            }
        }
        maintenances.sort(Comparator.comparing((Maintenance m) -> m.status(now) == MaintenanceStatus.COMPLETED)
                .thenComparing(Maintenance::startsAt));

        List<ComponentStatus> components = new ArrayList<>();
        for (PublicComponent component : sources.components()) {
            components.add(component(sources, component, all));
        }
        ComponentState overall = components.isEmpty() ? ComponentState.UNKNOWN : ComponentState.OPERATIONAL;
        boolean known = false;
        IncidentImpact indicator = IncidentImpact.NONE;
        for (ComponentStatus component : components) {
            known |= component.state() != ComponentState.UNKNOWN;
            overall = worse(overall, component.state());
            indicator = max(indicator, component.state() == ComponentState.OUTAGE ? IncidentImpact.MAJOR
                    : component.state() == ComponentState.DEGRADED ? IncidentImpact.MINOR : IncidentImpact.NONE);
        }
        if (!known && overall == ComponentState.OPERATIONAL) {
            overall = ComponentState.UNKNOWN;
        }
        for (PublicIncident incident : all) {
            if (!incident.resolved()) {
                indicator = max(indicator, incident.impact());
                overall = worse(overall, state(incident.impact()));
            }
        }
        return new PublicStatus(sources.title(), now, overall, indicator, components, shown, maintenances, sources.refresh());
    }

    private static ComponentStatus component(Sources sources, PublicComponent component, List<PublicIncident> incidents) {
        Instant now = sources.now();
        ComponentState state = ComponentState.UNKNOWN;
        HealthReport report = sources.report();
        for (String check : component.checks()) {
            CheckReport checked = report == null ? null : report.checks().get(check);
            if (checked != null) {
                state = worseKnown(state, switch (checked.status()) {
                    case PASS -> ComponentState.OPERATIONAL;
                    case WARN -> ComponentState.DEGRADED;
                    case FAIL -> ComponentState.OUTAGE;
                });
            }
        }
        List<List<UptimeDay>> histories = new ArrayList<>();
        UptimeMonitor uptime = sources.uptime();
        for (String target : component.targets()) {
            if (uptime == null) {
                continue;
            }
            try {
                UptimeSummary summary = uptime.summary(target);
                state = worseKnown(state, switch (summary.state()) {
                    case UP -> ComponentState.OPERATIONAL;
                    case DEGRADED -> ComponentState.DEGRADED;
                    case DOWN -> ComponentState.OUTAGE;
                    case UNKNOWN -> ComponentState.UNKNOWN;
                });
                histories.add(uptime.days(target, DAYS, hour -> excluded(sources.maintenances(), component.id(), hour)));
            } catch (RuntimeException e) {
                log.debug("Status page could not read uptime target '{}': {}", target, e.getClass().getName());
            }
        }
        boolean incidentRaised = false;
        for (PublicIncident incident : incidents) {
            if (!incident.resolved() && incident.components().contains(component.id())
                    && incident.impact() != IncidentImpact.NONE) {
                state = worse(state == ComponentState.UNKNOWN ? ComponentState.OPERATIONAL : state, state(incident.impact()));
                incidentRaised = true;
            }
        }
        if (!incidentRaised) {
            for (Maintenance maintenance : sources.maintenances()) {
                if (maintenance.components().contains(component.id())
                        && maintenance.status(now) == MaintenanceStatus.IN_PROGRESS) {
                    state = ComponentState.MAINTENANCE;
                }
            }
        }
        List<ComponentStatus.Day> days = new ArrayList<>();
        long checks = 0;
        long ups = 0;
        if (!histories.isEmpty()) {
            List<UptimeDay> first = histories.get(0);
            for (int d = 0; d < first.size(); d++) {
                LocalDate date = first.get(d).date();
                long dayChecks = 0;
                long dayUps = 0;
                for (List<UptimeDay> history : histories) {
                    dayChecks += history.get(d).checks();
                    dayUps += history.get(d).upChecks();
                }
                checks += dayChecks;
                ups += dayUps;
                days.add(new ComponentStatus.Day(date, dayChecks, dayChecks == 0 ? null : 100.0 * dayUps / dayChecks,
                        titles(incidents, component.id(), date, sources.zone(), now)));
            }
        }
        Scrubber scrubber = sources.scrubber();
        return new ComponentStatus(component.id(), scrubber.scrub(component.displayName(), PublicComponent.MAX_NAME_LENGTH),
                scrubber.scrub(component.group(), PublicComponent.MAX_NAME_LENGTH),
                scrubber.scrub(component.description(), PublicComponent.MAX_DESCRIPTION_LENGTH), state,
                checks == 0 ? null : 100.0 * ups / checks, days);
    }

    /** Whether the clock hour starting at {@code hour} overlaps a window of {@code component} left out of the uptime. */
    static boolean excluded(List<Maintenance> maintenances, String component, Instant hour) {
        Instant end = hour.plusSeconds(3600);
        for (Maintenance maintenance : maintenances) {
            if (maintenance.excludeFromUptime() && maintenance.components().contains(component)
                    && maintenance.overlaps(hour, end)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> titles(List<PublicIncident> incidents, String component, LocalDate date, ZoneId zone, Instant now) {
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        Set<String> titles = new LinkedHashSet<>();
        for (PublicIncident incident : incidents) {
            Instant end = incident.resolvedAt() == null ? now : incident.resolvedAt();
            if (incident.components().contains(component) && incident.createdAt().isBefore(dayEnd) && !end.isBefore(dayStart)) {
                titles.add(incident.title());
            }
        }
        return List.copyOf(titles);
    }

    /** Incidents from alerts labelled with a public component's check or target: generic words only. */
    private static List<PublicIncident> automatic(Sources sources) {
        List<PublicIncident> made = new ArrayList<>();
        for (AlertIncident alert : sources.alerts()) {
            if (!alert.alert().severity().isAtLeast(sources.minSeverity())) {
                continue;
            }
            Map<String, String> labels = alert.alert().labels();
            String check = labels.get("check");
            String target = labels.get("target");
            List<String> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (PublicComponent component : sources.components()) {
                if ((check != null && component.checks().contains(check))
                        || (target != null && component.targets().contains(target))) {
                    ids.add(component.id());
                    names.add(sources.scrubber().scrub(component.displayName(), PublicComponent.MAX_NAME_LENGTH));
                }
            }
            if (ids.isEmpty()) {
                continue; // not about a public component: shown in the internal view only
            }
            boolean outage = alert.alert().severity() == AlertSeverity.CRITICAL;
            String what = (outage ? "an outage of " : "degraded performance of ") + String.join(", ", names);
            String title = (outage ? "Outage of " : "Degraded performance of ") + String.join(", ", names);
            List<IncidentUpdate> updates = new ArrayList<>();
            updates.add(new IncidentUpdate(IncidentStatus.INVESTIGATING, "We are investigating " + what + ".", alert.startsAt()));
            if (alert.status() == AlertStatus.RESOLVED) {
                Instant end = alert.endsAt() == null ? alert.startsAt() : alert.endsAt();
                updates.add(new IncidentUpdate(IncidentStatus.RESOLVED, String.join(", ", names) + " works normally again.", end));
            }
            made.add(new PublicIncident("auto-" + digest(alert.fingerprint() + "|" + alert.startsAt()), title,
                    outage ? IncidentImpact.MAJOR : IncidentImpact.MINOR, ids, updates, null, alert.startsAt(), true));
        }
        return made;
    }

    private static ComponentState state(IncidentImpact impact) {
        return switch (impact) {
            case NONE -> ComponentState.OPERATIONAL;
            case MINOR -> ComponentState.DEGRADED;
            case MAJOR, CRITICAL -> ComponentState.OUTAGE;
        };
    }

    private static int rank(ComponentState state) {
        return switch (state) {
            case OPERATIONAL, UNKNOWN -> 0;
            case MAINTENANCE -> 1;
            case DEGRADED -> 2;
            case OUTAGE -> 3;
        };
    }

    private static ComponentState worse(ComponentState a, ComponentState b) {
        return rank(b) > rank(a) ? b : a;
    }

    /** The worse of two states, where a known state replaces {@code UNKNOWN}. */
    private static ComponentState worseKnown(ComponentState a, ComponentState b) {
        if (a == ComponentState.UNKNOWN) {
            return b;
        }
        return b == ComponentState.UNKNOWN ? a : worse(a, b);
    }

    private static IncidentImpact max(IncidentImpact a, IncidentImpact b) {
        return b.ordinal() > a.ordinal() ? b : a;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
