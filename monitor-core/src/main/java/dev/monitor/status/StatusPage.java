package dev.monitor.status;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertTimelineEntry;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.config.DurationLimits;
import dev.monitor.health.CheckReport;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthReport;
import dev.monitor.pii.Scrubber;
import dev.monitor.status.internal.StatusHtml;
import dev.monitor.status.internal.StatusJson;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobRun;
import dev.monitor.job.JobSnapshot;
import dev.monitor.job.JobState;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeDay;
import dev.monitor.uptime.UptimeMonitor;
import dev.monitor.uptime.UptimeSummary;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A status page: every health check, uptime target and scheduled job with its state, uptime bars and response
 * times, and the recent incidents (alerts fired and resolved), as a server-rendered HTML page or as the same data in
 * JSON. Framework-neutral: the servlet and Spring adapters call {@link #handle} and copy the answer.
 *
 * <pre>{@code
 * StatusPage page = StatusPage.builder("Orders")
 *         .health(health)        // every check of the registry
 *         .uptime(uptime)        // every uptime target, with 30 daily uptime bars
 *         .jobs(jobs)            // every scheduled job, with its last check-in and run
 *         .incidents(alerts)     // the dispatcher's recent alerts
 *         .build();
 * StatusPageResponse answer = page.handle("GET", request.getHeader("Accept"), request.getParameter("format")).join();
 * }</pre>
 *
 * <p>The HTML has no script and loads nothing from elsewhere: the style sheet is inline (allowed by its hash
 * in {@link #CONTENT_SECURITY_POLICY}), the page reloads itself every {@link Builder#refresh refresh}
 * interval with a {@code <meta http-equiv="refresh">}, so it works offline, without JavaScript and behind
 * the strictest policy. Every text it shows (title, names, incident summaries, who acknowledged, and error texts,
 * which are shown only with {@link Builder#showDetails(boolean)}) passes the PII scrubber, is then cut to
 * {@value #MAX_TEXT_LENGTH} characters, and is HTML-escaped or JSON-encoded; {@link #html} and {@link #json}
 * scrub again whatever snapshot they are given. A health check an uptime monitor registered for one of its
 * targets ({@code uptime-NAME}), or a job monitor for one of its jobs ({@code job-NAME}), is shown once, as the target
 * or the job.
 */
public final class StatusPage {

    /** The Content-Security-Policy the HTML page is served with: its inline style sheet and a data: icon, nothing else. */
    public static final String CONTENT_SECURITY_POLICY = StatusHtml.CONTENT_SECURITY_POLICY;

    private static final Logger log = LoggerFactory.getLogger(StatusPage.class);
    /** Timeline steps shown per incident. */
    static final int MAX_TIMELINE_ENTRIES = 10;
    /** Longest text shown: longer ones are cut after they were scrubbed. */
    public static final int MAX_TEXT_LENGTH = StatusHtml.MAX_TEXT_LENGTH;

    private final String title;
    private final @Nullable HealthRegistry health;
    private final @Nullable UptimeMonitor uptime;
    private final @Nullable JobMonitor jobs;
    private final @Nullable AlertDispatcher incidents;
    private final Duration refresh;
    private final int maxIncidents;
    private final AlertSeverity minIncidentSeverity;
    private final boolean showDetails;
    private final Scrubber scrubber;
    private final Clock clock;
    private final String jsonLink;

    private StatusPage(Builder builder) {
        this.title = builder.title;
        this.health = builder.health;
        this.uptime = builder.uptime;
        this.jobs = builder.jobs;
        this.incidents = builder.incidents;
        this.refresh = builder.refresh;
        this.maxIncidents = builder.maxIncidents;
        this.minIncidentSeverity = builder.minIncidentSeverity;
        this.showDetails = builder.showDetails;
        this.scrubber = builder.scrubber;
        this.clock = builder.clock;
        this.jsonLink = builder.jsonLink;
    }

    /** A builder for a page titled {@code title} (e.g. the service's name). */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /**
     * Takes a snapshot: health checks (run or cached as the registry does, within its report deadline),
     * uptime targets and incidents. Never completes exceptionally: a failing source is left out and logged.
     */
    public CompletableFuture<StatusSnapshot> snapshotAsync() {
        CompletableFuture<@Nullable HealthReport> report;
        if (health == null) {
            report = CompletableFuture.completedFuture(null);
        } else {
            try {
                report = health.reportAsync(null).<@Nullable HealthReport>thenApply(r -> r).exceptionally(e -> {
                    log.warn("Status page could not read the health checks: {}", e.getClass().getName());
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("Status page could not read the health checks: {}", e.getClass().getName());
                report = CompletableFuture.completedFuture(null);
            }
        }
        return report.thenApply(this::assemble);
    }

    /** {@link #snapshotAsync()}, waiting for it (at most the health registry's report deadline). */
    public StatusSnapshot snapshot() {
        return snapshotAsync().join();
    }

    /** The HTML page of {@code snapshot}; every text of it passes the scrubber again, whoever built the snapshot. */
    public String html(StatusSnapshot snapshot) {
        return StatusHtml.render(Objects.requireNonNull(snapshot, "snapshot"), jsonLink, scrubber);
    }

    /** The JSON document of {@code snapshot}, UTF-8; every text of it passes the scrubber again, whoever built the snapshot. */
    public byte[] json(StatusSnapshot snapshot) {
        return StatusJson.render(Objects.requireNonNull(snapshot, "snapshot"), scrubber);
    }

    /**
     * Answers an HTTP request for the page: {@code GET} or {@code HEAD}, HTML unless {@link #prefersJson} says
     * JSON; other methods get 405. Always {@code Cache-Control: no-store} and, for HTML, the
     * {@link #CONTENT_SECURITY_POLICY}. Completes within the health registry's report deadline.
     *
     * @param method the HTTP method
     * @param accept the {@code Accept} header, or null
     * @param format the {@code format} query parameter ({@code json} or {@code html}), or null
     */
    public CompletableFuture<StatusPageResponse> handle(String method, @Nullable String accept, @Nullable String format) {
        Objects.requireNonNull(method, "method");
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            return CompletableFuture.completedFuture(new StatusPageResponse(405, "text/plain; charset=utf-8",
                    Map.of("Allow", "GET, HEAD", "Cache-Control", "no-store"),
                    "Method not allowed: use GET or HEAD\n".getBytes(StandardCharsets.UTF_8)));
        }
        boolean json = prefersJson(accept, format);
        return snapshotAsync().thenApply(snapshot -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Cache-Control", "no-store");
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "no-referrer");
            headers.put("Vary", "Accept");
            byte[] body;
            String type;
            if (json) {
                type = "application/json";
                body = json(snapshot);
            } else {
                type = "text/html; charset=utf-8";
                headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                headers.put("X-Frame-Options", "DENY");
                body = html(snapshot).getBytes(StandardCharsets.UTF_8);
            }
            return new StatusPageResponse(200, type, headers, head ? new byte[0] : body);
        });
    }

    /**
     * Whether a request wants JSON: {@code format=json}, or an {@code Accept} header naming
     * {@code application/json} but not {@code text/html}; {@code format=html} always gets HTML.
     */
    public static boolean prefersJson(@Nullable String accept, @Nullable String format) {
        if (format != null && !format.isBlank()) {
            return format.strip().equalsIgnoreCase("json");
        }
        if (accept == null) {
            return false;
        }
        String types = accept.toLowerCase(Locale.ROOT);
        return types.contains("application/json") && !types.contains("text/html");
    }

    private StatusSnapshot assemble(@Nullable HealthReport report) {
        Instant now = clock.instant();
        List<StatusComponent> components = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        List<UptimeSummary> summaries = List.of();
        if (uptime != null) {
            try {
                summaries = uptime.summaries();
            } catch (RuntimeException e) {
                log.warn("Status page could not read the uptime targets: {}", e.getClass().getName());
            }
            for (UptimeSummary summary : summaries) {
                targets.add(UptimeMonitor.HEALTH_CHECK_PREFIX + summary.target());
            }
        }
        List<JobSnapshot> snapshots = List.of();
        if (jobs != null) {
            try {
                snapshots = jobs.snapshots();
            } catch (RuntimeException e) {
                log.warn("Status page could not read the jobs: {}", e.getClass().getName());
            }
            for (JobSnapshot snapshot : snapshots) {
                targets.add(JobMonitor.HEALTH_CHECK_PREFIX + snapshot.name());
            }
        }
        if (report != null) {
            for (CheckReport check : report.checks().values()) {
                if (targets.contains(check.name())) {
                    continue; // shown below as the uptime target or job itself
                }
                components.add(new StatusComponent(scrub(check.name()), StatusComponent.Kind.HEALTH_CHECK, state(check), check.critical(),
                        showDetails && check.error() != null ? scrub(check.error()) : null, check.responseTime().toMillis(),
                        check.checkedAt(), null, null, null, null, List.of()));
            }
        }
        for (UptimeSummary summary : summaries) {
            components.add(component(summary));
        }
        for (JobSnapshot snapshot : snapshots) {
            components.add(component(snapshot));
        }
        return new StatusSnapshot(scrub(title), now, overall(components), components, incidents(), refresh);
    }

    private StatusComponent component(UptimeSummary summary) {
        ComponentState state = switch (summary.state()) {
            case UP -> ComponentState.OPERATIONAL;
            case DEGRADED -> ComponentState.DEGRADED;
            case DOWN -> ComponentState.OUTAGE;
            case UNKNOWN -> ComponentState.UNKNOWN;
        };
        UptimeCheckResult last = summary.lastResult();
        Long responseTime = last == null || last.responseTime() == null ? null : last.responseTime().toMillis();
        String detail = showDetails && last != null && last.error() != null ? scrub(last.error()) : null;
        List<StatusComponent.StatusDay> days = new ArrayList<>(summary.days().size());
        for (UptimeDay day : summary.days()) {
            days.add(new StatusComponent.StatusDay(day.date().toString(), day.checks(), day.uptimePercent()));
        }
        Duration p95 = summary.last24h().p95();
        return new StatusComponent(scrub(summary.target()), StatusComponent.Kind.UPTIME_TARGET, state, true, detail, responseTime,
                last == null ? null : last.checkedAt(), summary.last24h().uptimePercent(), summary.last7d().uptimePercent(),
                summary.last30d().uptimePercent(), p95 == null ? null : p95.toMillis(), days);
    }

    private StatusComponent component(JobSnapshot job) {
        ComponentState state;
        if (job.state() == JobState.DOWN || job.failing()) {
            state = ComponentState.OUTAGE;
        } else if (job.state() == JobState.LATE || job.overrun()) {
            state = ComponentState.DEGRADED;
        } else {
            state = job.state() == JobState.NEW ? ComponentState.UNKNOWN : ComponentState.OPERATIONAL;
        }
        JobRun failure = job.lastFailure();
        String detail = null;
        if (showDetails && state != ComponentState.OPERATIONAL && state != ComponentState.UNKNOWN) {
            detail = scrub(job.state() == JobState.DOWN ? "missed (" + job.schedule() + ")"
                    : job.failing() && failure != null && failure.message() != null ? failure.message()
                    : job.overrun() ? "running too long" : job.state().label());
        }
        Duration last = job.lastDuration();
        dev.monitor.job.Job handle = jobs == null ? null : jobs.job(job.name());
        boolean critical = handle != null && handle.definition().critical();
        return new StatusComponent(scrub(job.name()), StatusComponent.Kind.SCHEDULED_JOB, state, critical, detail,
                last == null ? null : last.toMillis(), job.lastCheckIn(), null, null, null, null, List.of());
    }

    private static ComponentState state(CheckReport check) {
        return switch (check.status()) {
            case PASS -> ComponentState.OPERATIONAL;
            case WARN -> ComponentState.DEGRADED;
            case FAIL -> ComponentState.OUTAGE;
        };
    }

    private static ComponentState overall(List<StatusComponent> components) {
        boolean degraded = false;
        boolean known = components.isEmpty();
        for (StatusComponent component : components) {
            if (component.state() == ComponentState.OUTAGE && component.critical()) {
                return ComponentState.OUTAGE;
            }
            if (component.state() == ComponentState.OUTAGE || component.state() == ComponentState.DEGRADED) {
                degraded = true;
            }
            known |= component.state() != ComponentState.UNKNOWN;
        }
        if (degraded) {
            return ComponentState.DEGRADED;
        }
        return known ? ComponentState.OPERATIONAL : ComponentState.UNKNOWN;
    }

    private List<StatusIncident> incidents() {
        if (incidents == null || maxIncidents == 0) {
            return List.of();
        }
        List<StatusIncident> listed = new ArrayList<>();
        try {
            for (AlertIncident incident : incidents.incidents()) {
                if (!incident.alert().severity().isAtLeast(minIncidentSeverity)) {
                    continue;
                }
                AlertAcknowledgement acknowledgement = incident.acknowledgement();
                listed.add(new StatusIncident(scrub(incident.alert().name()), incident.alert().severity().label(),
                        scrub(incident.alert().summary()), incident.status() == AlertStatus.RESOLVED, incident.startsAt(),
                        incident.endsAt(), acknowledgement == null ? null : acknowledgement.at(),
                        acknowledgement != null && showDetails ? scrub(acknowledgement.by()) : null, incident.level(),
                        timeline(incident)));
                if (listed.size() == maxIncidents) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Status page could not read the recent incidents: {}", e.getClass().getName());
        }
        return listed;
    }

    /** The last {@value #MAX_TIMELINE_ENTRIES} steps; who acted only when details are shown. */
    private List<StatusTimelineEntry> timeline(AlertIncident incident) {
        List<AlertTimelineEntry> steps = incident.timeline();
        List<StatusTimelineEntry> shown = new ArrayList<>(Math.min(steps.size(), MAX_TIMELINE_ENTRIES));
        for (AlertTimelineEntry step : steps.subList(Math.max(0, steps.size() - MAX_TIMELINE_ENTRIES), steps.size())) {
            String actor = showDetails && !step.actor().isEmpty() ? scrub(step.actor()) : null;
            shown.add(new StatusTimelineEntry(step.type().name().toLowerCase(java.util.Locale.ROOT), step.at(),
                    step.level(), actor));
        }
        return shown;
    }

    /** {@code text} scrubbed, then cut to {@value #MAX_TEXT_LENGTH} characters. */
    private String scrub(String text) {
        return scrubber.scrub(text, MAX_TEXT_LENGTH);
    }

    /** Builds a {@link StatusPage}; every setter validates its argument. */
    public static final class Builder {
        private final String title;
        private @Nullable HealthRegistry health;
        private @Nullable UptimeMonitor uptime;
        private @Nullable JobMonitor jobs;
        private @Nullable AlertDispatcher incidents;
        private Duration refresh = Duration.ofSeconds(60);
        private int maxIncidents = 20;
        private AlertSeverity minIncidentSeverity = AlertSeverity.LOW;
        private boolean showDetails;
        private Scrubber scrubber = Scrubber.defaults();
        private Clock clock = Clock.systemUTC();
        private String jsonLink = "?format=json";

        private Builder(String title) {
            Objects.requireNonNull(title, "title");
            if (title.isBlank() || title.length() > 200) {
                // the title may hold anything: shown scrubbed and cut, like refused names
                throw new IllegalArgumentException("title must be 1-200 characters and not blank, was '"
                        + Scrubber.defaults().scrub(title, 80) + "'");
            }
            this.title = title;
        }

        /** Shows every check of {@code health}. */
        public Builder health(HealthRegistry health) {
            this.health = Objects.requireNonNull(health, "health");
            return this;
        }

        /** Shows every target of {@code uptime}, with uptime bars. */
        public Builder uptime(UptimeMonitor uptime) {
            this.uptime = Objects.requireNonNull(uptime, "uptime");
            return this;
        }

        /** Shows every job of {@code jobs}: its state, last check-in and last run's duration. */
        public Builder jobs(JobMonitor jobs) {
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            return this;
        }

        /** Lists the recent alerts of {@code dispatcher} as incidents. */
        public Builder incidents(AlertDispatcher dispatcher) {
            this.incidents = Objects.requireNonNull(dispatcher, "dispatcher");
            return this;
        }

        /** How often the page reloads itself (default 60 s); 5 s to 1 hour. */
        public Builder refresh(Duration refresh) {
            this.refresh = DurationLimits.requireBetween("refresh", refresh, Duration.ofSeconds(5), Duration.ofHours(1));
            return this;
        }

        /** How many incidents are listed (default 20); 0 to 200. */
        public Builder maxIncidents(int maxIncidents) {
            if (maxIncidents < 0 || maxIncidents > 200) {
                throw new IllegalArgumentException("maxIncidents must be between 0 and 200, was " + maxIncidents);
            }
            this.maxIncidents = maxIncidents;
            return this;
        }

        /** The least severe alert listed as an incident (default LOW: everything but INFO). */
        public Builder minIncidentSeverity(AlertSeverity severity) {
            this.minIncidentSeverity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /**
         * Whether error texts of checks and targets are shown (default false: a status page is often public, and
         * an error text may name internal hosts). They are scrubbed either way.
         */
        public Builder showDetails(boolean showDetails) {
            this.showDetails = showDetails;
            return this;
        }

        /**
         * The PII scrubber every text of the page passes, in the snapshot and again when it is rendered (default
         * {@link Scrubber#defaults()}).
         */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** The clock of the snapshot time (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The link to the JSON form shown at the bottom of the page (default {@code ?format=json}); shown scrubbed, so a
         * credential in it never reaches the page.
         */
        public Builder jsonLink(String jsonLink) {
            Objects.requireNonNull(jsonLink, "jsonLink");
            if (jsonLink.isBlank() || jsonLink.regionMatches(true, 0, "javascript:", 0, 11)) {
                throw new IllegalArgumentException("jsonLink must be a relative or http(s) link, was '"
                        + Scrubber.defaults().scrub(jsonLink, 80) + "'");
            }
            this.jsonLink = jsonLink;
            return this;
        }

        /** Builds the page. */
        public StatusPage build() {
            return new StatusPage(this);
        }
    }
}
