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
import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestId;
import dev.monitor.status.internal.AtomFeed;
import dev.monitor.status.internal.PublicAssembly;
import dev.monitor.status.internal.PublicHtml;
import dev.monitor.status.internal.StatusHtml;
import dev.monitor.status.internal.SummaryJson;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
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
 * A status page in two views. The <b>public page</b> shows only the {@link PublicComponent}s you opt in (display name,
 * group, description, state, 90 days of uptime bars), incidents written by operators on the {@link #board() board},
 * incidents made from alerts of those components worded generically, and scheduled maintenance; with it come an Atom
 * feed ({@value #FEED_PATH}) and a Statuspage-compatible summary ({@value #SUMMARY_PATH}). The <b>internal view</b>,
 * for authorized callers only, adds every health check, uptime target and scheduled job, error texts and the alerts
 * themselves.
 * A page without public components shows none: nothing internal is public unless opted in. Framework-neutral: the
 * servlet and Spring adapters call {@link #handle(StatusRequest)} and copy the answer.
 *
 * <pre>{@code
 * StatusPage page = StatusPage.builder("Orders status")   // the title is shown as it is
 *         .health(health).uptime(uptime).jobs(jobs).incidents(alerts)
 *         .component(PublicComponent.builder("checkout").displayName("Checkout").group("Shop")
 *                 .description("Cart and payment").checks("database").targets("shop").build())
 *         .stateDirectory(Path.of("/var/lib/orders/status"))   // incidents and maintenance survive restarts
 *         .build();
 * page.board().open(NewIncident.investigating("Slow checkout", IncidentImpact.MINOR, List.of("checkout"), "Looking into it."));
 * }</pre>
 *
 * <p>The HTML has no script and loads nothing from elsewhere: the style sheet is inline (allowed by its hash
 * in {@link #CONTENT_SECURITY_POLICY}), the page reloads itself every {@link Builder#refresh refresh}
 * interval with a {@code <meta http-equiv="refresh">}, so it works offline, without JavaScript and behind
 * the strictest policy. Every text it shows passes the PII scrubber, is then cut to {@value #MAX_TEXT_LENGTH}
 * characters, and is HTML-escaped, JSON-encoded or XML-escaped; {@link #html} and {@link #json} scrub again whatever
 * snapshot they are given. A health check an uptime monitor registered for one of its targets ({@code uptime-NAME}),
 * or a job monitor for one of its jobs ({@code job-NAME}), is shown once in the internal view, as the target or the
 * job.
 */
public final class StatusPage {

    /** The path of the Atom feed of incidents and maintenance, below the page's path. */
    public static final String FEED_PATH = "/feed.atom";
    /** The path of the Statuspage-compatible summary, below the page's path (as Statuspage serves it). */
    public static final String SUMMARY_PATH = "/api/v2/summary.json";

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
    private final List<PublicComponent> components;
    private final @Nullable String url;
    private final String pageId;
    private final Instant createdAt;
    private final StatusBoard board;

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
        this.components = List.copyOf(builder.components.values());
        this.url = builder.url;
        this.pageId = HexFormat.of().formatHex(sha256(title), 0, 6);
        this.createdAt = clock.instant();
        this.board = new StatusBoard(builder.components, scrubber, clock, incidents, builder.stateDirectory);
    }

    /** The operator's incidents and scheduled maintenance of this page. */
    public StatusBoard board() {
        return board;
    }

    /** The public components, in the order configured. */
    public List<PublicComponent> components() {
        return components;
    }

    /** A builder for a page titled {@code title} (e.g. the service's name). */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /**
     * Takes the internal snapshot: every health check (run or cached as the registry does, within its report
     * deadline), every uptime target and the recent alerts. Never completes exceptionally: a failing source is left out and logged.
     */
    public CompletableFuture<StatusSnapshot> snapshotAsync() {
        return report().thenApply(this::assemble);
    }

    private CompletableFuture<@Nullable HealthReport> report() {
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
        return report;
    }

    /** {@link #snapshotAsync()}, waiting for it (at most the health registry's report deadline). */
    public StatusSnapshot snapshot() {
        return snapshotAsync().join();
    }

    /**
     * Takes the public snapshot: public components only, operator incidents and automatic ones worded generically,
     * scheduled maintenance. Never completes exceptionally: a failing source is left out and logged.
     */
    public CompletableFuture<PublicStatus> publicStatusAsync() {
        return report().thenApply(this::assemblePublic);
    }

    /** {@link #publicStatusAsync()}, waiting for it (at most the health registry's report deadline). */
    public PublicStatus publicStatus() {
        return publicStatusAsync().join();
    }

    /** The internal view's HTML page of {@code snapshot}; every text of it passes the scrubber again, whoever built the snapshot. */
    public String html(StatusSnapshot snapshot) {
        return StatusHtml.render(Objects.requireNonNull(snapshot, "snapshot"), jsonLink, scrubber);
    }

    /** The internal JSON document of {@code snapshot}, UTF-8; every text of it passes the scrubber again, whoever built the snapshot. */
    public byte[] json(StatusSnapshot snapshot) {
        return StatusJson.render(Objects.requireNonNull(snapshot, "snapshot"), scrubber);
    }

    /** The standard error body ({@link ErrorBody#forStatus}) with the request's ID, for a wrong method or path. */
    private StatusPageResponse errorResponse(int status, StatusRequest request, Map<String, String> extraHeaders) {
        String id = request.requestId() != null && RequestId.isValid(request.requestId()) ? request.requestId()
                : RequestId.generate();
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return new StatusPageResponse(status, "application/json", headers,
                ErrorBody.forStatus(status, id, clock.instant()).toJson());
    }

    /**
     * Answers an HTTP request for the page. {@code GET} or {@code HEAD}, else 405. Below the page's path:
     * {@value #FEED_PATH} is the Atom feed, {@value #SUMMARY_PATH} the Statuspage-compatible summary, anything else
     * 404; both with the standard error body ({@link ErrorBody}, with the request's ID). The page itself is HTML, or JSON when {@link #prefersJson} says so: the summary for anonymous callers, the
     * internal JSON for authorized ones. Authorized callers get the internal view, everyone else the public page.
     * Always {@code Cache-Control: no-store}; HTML with the {@link #CONTENT_SECURITY_POLICY}. Completes within the health
     * registry's report deadline.
     */
    public CompletableFuture<StatusPageResponse> handle(StatusRequest request) {
        Objects.requireNonNull(request, "request");
        boolean head = "HEAD".equals(request.method());
        if (!head && !"GET".equals(request.method())) {
            return CompletableFuture.completedFuture(errorResponse(405, request, Map.of("Allow", "GET, HEAD")));
        }
        String path = request.path();
        boolean page = path.isEmpty() || "/".equals(path);
        if (!page && !FEED_PATH.equals(path) && !SUMMARY_PATH.equals(path)) {
            return CompletableFuture.completedFuture(errorResponse(404, request, Map.of()));
        }
        String base = url != null ? url : request.pageUrl();
        boolean json = page && prefersJson(request.accept(), request.format());
        boolean internal = request.authorized();
        CompletableFuture<@Nullable HealthReport> report = report();
        return report.thenApply(health -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Cache-Control", "no-store");
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "no-referrer");
            headers.put("Vary", "Accept");
            byte[] body;
            String type;
            PublicStatus status = assemblePublic(health);
            if (FEED_PATH.equals(path)) {
                type = AtomFeed.CONTENT_TYPE;
                body = AtomFeed.render(status, pageId, base, base + FEED_PATH, createdAt, scrubber);
            } else if (SUMMARY_PATH.equals(path) || (json && !internal)) {
                type = "application/json";
                body = summary(status, base);
            } else if (json) {
                type = "application/json";
                body = json(assemble(health));
            } else {
                type = "text/html; charset=utf-8";
                headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                headers.put("X-Frame-Options", "DENY");
                body = PublicHtml.render(status, new PublicHtml.Links(base + FEED_PATH, base + SUMMARY_PATH, internalJsonLink(base)),
                        scrubber, internal ? assemble(health) : null).getBytes(StandardCharsets.UTF_8);
            }
            return new StatusPageResponse(200, type, headers, head ? new byte[0] : body);
        });
    }

    /** The public page's HTML of {@code status}; {@code pageUrl} is where the page is (links to the feed and the JSON). */
    public String publicHtml(PublicStatus status, String pageUrl) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pageUrl, "pageUrl");
        return PublicHtml.render(status, new PublicHtml.Links(pageUrl + FEED_PATH, pageUrl + SUMMARY_PATH, internalJsonLink(pageUrl)),
                scrubber, null);
    }

    /** The Statuspage-compatible summary of {@code status}, UTF-8; {@code pageUrl} is the page's URL it names. */
    public byte[] summary(PublicStatus status, String pageUrl) {
        return SummaryJson.render(Objects.requireNonNull(status, "status"),
                new SummaryJson.Page(pageId, Objects.requireNonNull(pageUrl, "pageUrl"), clock.getZone(), createdAt), scrubber);
    }

    /** The Atom feed of {@code status}, UTF-8; {@code pageUrl} is the page's URL its entries link to. */
    public byte[] feed(PublicStatus status, String pageUrl) {
        Objects.requireNonNull(pageUrl, "pageUrl");
        return AtomFeed.render(Objects.requireNonNull(status, "status"), pageId, pageUrl, pageUrl + FEED_PATH, createdAt, scrubber);
    }

    private String internalJsonLink(String base) {
        return jsonLink.startsWith("?") ? base + jsonLink : jsonLink;
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

    private PublicStatus assemblePublic(@Nullable HealthReport report) {
        List<dev.monitor.alert.AlertIncident> alerts = List.of();
        if (incidents != null && maxIncidents > 0) {
            try {
                alerts = incidents.incidents();
            } catch (RuntimeException e) {
                log.warn("Status page could not read the recent incidents: {}", e.getClass().getName());
            }
        }
        return PublicAssembly.assemble(new PublicAssembly.Sources(scrub(title), components, report, uptime, alerts,
                minIncidentSeverity, board.incidents(), board.maintenances(), maxIncidents, clock.instant(), clock.getZone(),
                refresh, scrubber));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
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
        private final Map<String, PublicComponent> components = new LinkedHashMap<>();
        private @Nullable Path stateDirectory;
        private @Nullable String url;

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

        /**
         * Adds public components, shown on the public page in this order (grouped by their group, in the order groups
         * first appear). Without any, the public page shows no component.
         *
         * @throws IllegalArgumentException if a component of the same id was added
         */
        public Builder component(PublicComponent... components) {
            for (PublicComponent component : Objects.requireNonNull(components, "components")) {
                Objects.requireNonNull(component, "components must not contain null");
                if (this.components.putIfAbsent(component.id(), component) != null) {
                    throw new IllegalArgumentException("a public component with the id '" + component.id() + "' is already added");
                }
            }
            return this;
        }

        /**
         * Where incidents and maintenance are kept across restarts (file {@code status-board.json}); default: memory only.
         * May be the dispatcher's state directory.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * The page's public URL, e.g. {@code https://status.example.com/status}, named in the summary JSON and the feed
         * (default: the URL or path the caller reached it at). Must be http(s); shown scrubbed.
         */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            String lower = url.strip().toLowerCase(Locale.ROOT);
            if (!(lower.startsWith("https://") || lower.startsWith("http://")) || url.length() > 2000
                    || url.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("url must be an http(s) URL such as https://status.example.com/status, was '"
                        + Scrubber.defaults().scrub(url, 80) + "'");
            }
            this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            return this;
        }

        /** Builds the page; reads the board from the state directory, if any. */
        public StatusPage build() {
            return new StatusPage(this);
        }
    }
}
