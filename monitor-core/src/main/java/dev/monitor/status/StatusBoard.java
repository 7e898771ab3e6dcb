package dev.monitor.status;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.Silence;
import dev.monitor.config.DurationLimits;
import dev.monitor.pii.Scrubber;
import dev.monitor.status.internal.BoardFile;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators write on the status page: incidents with their update timeline, and scheduled maintenance. Get it
 * from {@link StatusPage#board()}. Every method takes plain values and returns an immutable record, so an HTTP layer
 * can call it as it is; every text is scrubbed, then cut; components must be the page's public components.
 *
 * <pre>{@code
 * StatusBoard board = page.board();
 * PublicIncident incident = board.open(NewIncident.investigating("Checkout errors", IncidentImpact.MAJOR,
 *         List.of("checkout"), "Some payments fail; we are looking into it."));
 * board.update(incident.id(), IncidentStatus.IDENTIFIED, "A certificate of the payment provider expired.");
 * board.update(incident.id(), IncidentStatus.RESOLVED, "Payments work again.");
 * board.postmortem(incident.id(), "https://blog.example.com/2026-12-07-checkout");
 *
 * board.schedule(new NewMaintenance("Database upgrade", "Checkout is read-only for up to 30 minutes.",
 *         Set.of("checkout"), start, start.plus(Duration.ofHours(1)), true));   // left out of the uptime %
 * }</pre>
 *
 * <p><b>Maintenance silences alerts</b>: for each affected component, each of its health checks gets a
 * {@link Silence} of the page's dispatcher matching {@code check=NAME} and each uptime target one matching
 * {@code target=NAME} (the labels the health alert rules and the uptime monitor put on their alerts), from the start
 * of the window to its end. Cancelling the maintenance expires them.
 *
 * <p><b>Persistence</b>: with a {@link StatusPage.Builder#stateDirectory state directory}, incidents and maintenance are
 * written to {@value BoardFile#FILE_NAME} there after each change (texts already scrubbed) and read back when the page
 * is built. <b>Bounds</b>: at most {@value #MAX_INCIDENTS} incidents (the oldest resolved ones go first),
 * {@value #MAX_UPDATES} updates each, {@value #MAX_MAINTENANCES} maintenance windows (the oldest completed go first).
 * Thread-safe.
 */
public final class StatusBoard {

    /** Longest title, after scrubbing. */
    public static final int MAX_TITLE_LENGTH = 200;
    /** Longest update message or maintenance description, after scrubbing. */
    public static final int MAX_BODY_LENGTH = 5000;
    /** Longest post-mortem link. */
    public static final int MAX_LINK_LENGTH = 2000;
    /** Incidents kept. */
    public static final int MAX_INCIDENTS = 200;
    /** Updates kept per incident. */
    public static final int MAX_UPDATES = 50;
    /** Maintenance windows kept. */
    public static final int MAX_MAINTENANCES = 100;
    /** Longest author of an update or a maintenance, after scrubbing. */
    public static final int MAX_AUTHOR_LENGTH = 128;

    private static final Logger log = LoggerFactory.getLogger(StatusBoard.class);
    private static final SecureRandom IDS = new SecureRandom();
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Map<String, PublicComponent> components;
    private final Scrubber scrubber;
    private final Clock clock;
    private final @Nullable AlertDispatcher dispatcher;
    private final @Nullable BoardFile file;
    private final Map<String, PublicIncident> incidents = new LinkedHashMap<>();
    private final Map<String, Maintenance> maintenances = new LinkedHashMap<>();
    private final Map<String, List<String>> silences = new LinkedHashMap<>();

    StatusBoard(Map<String, PublicComponent> components, Scrubber scrubber, Clock clock, @Nullable AlertDispatcher dispatcher,
            @Nullable Path stateDirectory) {
        this.components = Map.copyOf(components);
        this.scrubber = scrubber;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.file = stateDirectory == null ? null : new BoardFile(stateDirectory);
        if (file != null) {
            BoardFile.Contents contents = file.read();
            contents.incidents().forEach(incident -> incidents.put(incident.id(), incident));
            contents.maintenances().forEach(maintenance -> maintenances.put(maintenance.id(), maintenance));
            silences.putAll(contents.silences());
            synchronized (this) {
                resilence();
            }
        }
    }

    /**
     * Opens an incident.
     *
     * @throws IllegalArgumentException if a text is blank or too long after scrubbing, a component is unknown, or the
     *     post-mortem link is not an http(s) URL
     * @throws IllegalStateException if {@value #MAX_INCIDENTS} incidents are kept and none is resolved
     */
    public PublicIncident open(NewIncident request) {
        return open(request, "");
    }

    /**
     * Opens an incident on behalf of {@code by}, who is kept (scrubbed) with its first update for the operators' audit;
     * the public page never shows it.
     *
     * @param by who opens it, at most {@value #MAX_AUTHOR_LENGTH} characters after scrubbing; {@code ""} when not known
     * @throws IllegalArgumentException as {@link #open(NewIncident)}
     * @throws IllegalStateException as {@link #open(NewIncident)}
     */
    public synchronized PublicIncident open(NewIncident request, String by) {
        Objects.requireNonNull(request, "request");
        String author = author(by);
        String title = text("title", request.title(), MAX_TITLE_LENGTH, false);
        String message = text("message", request.message(), MAX_BODY_LENGTH, false);
        List<String> affected = components(request.components(), false);
        String postmortem = request.postmortemUrl() == null ? null : link(request.postmortemUrl());
        Instant now = clock.instant();
        PublicIncident incident = new PublicIncident(newId(), title, request.impact(), affected,
                List.of(new IncidentUpdate(request.status(), message, now, author)), postmortem, now, false);
        if (incidents.size() >= MAX_INCIDENTS) {
            String oldest = incidents.values().stream().filter(PublicIncident::resolved).min(Comparator.comparing(PublicIncident::updatedAt))
                    .map(PublicIncident::id).orElseThrow(() -> new IllegalStateException(
                            "at most " + MAX_INCIDENTS + " incidents are kept and none is resolved: resolve one first"));
            incidents.remove(oldest);
        }
        incidents.put(incident.id(), incident);
        save();
        return incident;
    }

    /**
     * Posts an update to incident {@code id}: where it stands now and what to say.
     *
     * @throws IllegalArgumentException if there is no such incident or the message is blank or too long
     */
    public PublicIncident update(String id, IncidentStatus status, String message) {
        return update(id, status, message, "");
    }

    /**
     * Posts an update to incident {@code id} on behalf of {@code by}, who is kept (scrubbed) with the update for the
     * operators' audit; the public page never shows it.
     *
     * @param by who posts it, at most {@value #MAX_AUTHOR_LENGTH} characters after scrubbing; {@code ""} when not known
     * @throws IllegalArgumentException if there is no such incident or the message is blank or too long
     */
    public synchronized PublicIncident update(String id, IncidentStatus status, String message, String by) {
        Objects.requireNonNull(status, "status");
        String author = author(by);
        PublicIncident incident = incident(id);
        String body = text("message", message, MAX_BODY_LENGTH, false);
        List<IncidentUpdate> updates = new ArrayList<>(incident.updates());
        updates.add(new IncidentUpdate(status, body, clock.instant(), author));
        if (updates.size() > MAX_UPDATES) {
            updates.remove(1); // keep the first update: it says when and how it began
        }
        PublicIncident updated = new PublicIncident(incident.id(), incident.title(), incident.impact(), incident.components(), updates,
                incident.postmortemUrl(), incident.createdAt(), false);
        incidents.put(id, updated);
        save();
        return updated;
    }

    /**
     * Sets the post-mortem link of incident {@code id} (an http(s) URL, scrubbed: a credential in it never reaches
     * the page).
     *
     * @throws IllegalArgumentException if there is no such incident or the link is not an http(s) URL
     */
    public synchronized PublicIncident postmortem(String id, String url) {
        PublicIncident incident = incident(id);
        PublicIncident updated = new PublicIncident(incident.id(), incident.title(), incident.impact(), incident.components(),
                incident.updates(), link(url), incident.createdAt(), false);
        incidents.put(id, updated);
        save();
        return updated;
    }

    /**
     * Announces a maintenance and silences the alerts of its components' checks and targets during its window.
     *
     * @throws IllegalArgumentException if a text is blank or too long, no component or an unknown one is named, the
     *     window does not end after it starts, is longer than 366 days or has already ended
     * @throws IllegalStateException if {@value #MAX_MAINTENANCES} windows are kept and none is completed
     */
    public Maintenance schedule(NewMaintenance request) {
        return schedule(request, "");
    }

    /**
     * Announces a maintenance on behalf of {@code by}, as {@link #schedule(NewMaintenance)} does; {@code by} is kept
     * (scrubbed) as its {@link Maintenance#createdBy()} and as the author of its silences, for the operators' audit.
     *
     * @param by who announces it, at most {@value #MAX_AUTHOR_LENGTH} characters after scrubbing; {@code ""} when not
     *     known
     * @throws IllegalArgumentException as {@link #schedule(NewMaintenance)}
     * @throws IllegalStateException as {@link #schedule(NewMaintenance)}
     */
    public synchronized Maintenance schedule(NewMaintenance request, String by) {
        Objects.requireNonNull(request, "request");
        String author = author(by);
        String title = text("title", request.title(), MAX_TITLE_LENGTH, false);
        String description = text("description", request.description(), MAX_BODY_LENGTH, true);
        List<String> affected = components(request.components(), true);
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw new IllegalArgumentException("endsAt must be after startsAt (" + request.startsAt() + "), was "
                    + request.endsAt());
        }
        DurationLimits.requirePeriod("maintenance window", Duration.between(request.startsAt(), request.endsAt()));
        Instant now = clock.instant();
        if (!request.endsAt().isAfter(now)) {
            throw new IllegalArgumentException("a maintenance must end in the future (now " + now + "), was endsAt "
                    + request.endsAt());
        }
        Maintenance maintenance = new Maintenance(newId(), title, description, affected, request.startsAt(), request.endsAt(),
                request.excludeFromUptime(), now, author);
        if (maintenances.size() >= MAX_MAINTENANCES) {
            String oldest = maintenances.values().stream().filter(m -> m.status(now) == MaintenanceStatus.COMPLETED)
                    .min(Comparator.comparing(Maintenance::endsAt)).map(Maintenance::id)
                    .orElseThrow(() -> new IllegalStateException("at most " + MAX_MAINTENANCES
                            + " maintenance windows are kept and none is completed: cancel one first"));
            maintenances.remove(oldest);
            silences.remove(oldest);
        }
        maintenances.put(maintenance.id(), maintenance);
        silences.put(maintenance.id(), silence(maintenance));
        save();
        return maintenance;
    }

    /** Cancels maintenance {@code id} and expires its silences; returns whether it existed. */
    public synchronized boolean cancel(String id) {
        return cancel(id, "");
    }

    /**
     * Cancels maintenance {@code id} by {@code by} (an operator, or {@code ""}) and expires its silences, naming
     * {@code by} in the timeline of the firing alerts they matched; returns whether it existed.
     */
    public synchronized boolean cancel(String id, String by) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(by, "by");
        Maintenance removed = maintenances.remove(id);
        List<String> silenced = silences.remove(id);
        if (silenced != null && dispatcher != null) {
            silenced.forEach(silence -> dispatcher.expireSilence(silence, by));
        }
        if (removed != null) {
            save();
        }
        return removed != null;
    }

    /** Every kept incident, newest first. */
    public synchronized List<PublicIncident> incidents() {
        List<PublicIncident> all = new ArrayList<>(incidents.values());
        all.sort(Comparator.comparing(PublicIncident::createdAt).reversed());
        return List.copyOf(all);
    }

    /** Every kept maintenance window, soonest start first. */
    public synchronized List<Maintenance> maintenances() {
        List<Maintenance> all = new ArrayList<>(maintenances.values());
        all.sort(Comparator.comparing(Maintenance::startsAt));
        return List.copyOf(all);
    }

    /** The silence matchers of {@code component}: one list (all must hold) per check and per target. */
    static List<List<AlertMatcher>> matchers(PublicComponent component) {
        List<List<AlertMatcher>> matchers = new ArrayList<>();
        component.checks().forEach(check -> matchers.add(List.of(AlertMatcher.equal("check", check))));
        component.targets().forEach(target -> matchers.add(List.of(AlertMatcher.equal("target", target))));
        return matchers;
    }

    private List<String> silence(Maintenance maintenance) {
        if (dispatcher == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String id : maintenance.components()) {
            for (List<AlertMatcher> matchers : matchers(components.get(id))) {
                try {
                    ids.add(dispatcher.silence(Silence.builder().match(matchers.toArray(AlertMatcher[]::new))
                            .startsAt(maintenance.startsAt()).endsAt(maintenance.endsAt())
                            .comment("status page maintenance " + maintenance.id() + ": " + maintenance.title())
                            .createdBy(maintenance.createdBy().isEmpty() ? "status page" : maintenance.createdBy())
                            .build()));
                } catch (RuntimeException e) {
                    log.warn("Could not silence the alerts of component '{}' for maintenance {}: {}", id, maintenance.id(),
                            e.getClass().getName());
                }
            }
        }
        return List.copyOf(ids);
    }

    /** After a restart: silences the windows not over yet whose silences the dispatcher no longer has. */
    private void resilence() {
        if (dispatcher == null) {
            return;
        }
        Instant now = clock.instant();
        Set<String> active = dispatcher.silences().keySet();
        boolean changed = false;
        for (Maintenance maintenance : maintenances.values()) {
            List<String> ids = silences.getOrDefault(maintenance.id(), List.of());
            if (maintenance.status(now) != MaintenanceStatus.COMPLETED && (ids.isEmpty() || !active.containsAll(ids))) {
                silences.put(maintenance.id(), silence(maintenance));
                changed = true;
            }
        }
        if (changed) {
            save();
        }
    }

    private PublicIncident incident(String id) {
        Objects.requireNonNull(id, "id");
        PublicIncident incident = incidents.get(id);
        if (incident == null) {
            throw new IllegalArgumentException("no incident has the id '" + scrubber.scrub(id, 40) + "'");
        }
        return incident;
    }

    private String author(String by) {
        Objects.requireNonNull(by, "by");
        return scrubber.scrub(by.strip(), MAX_AUTHOR_LENGTH);
    }

    private String text(String setting, String value, int max, boolean mayBeEmpty) {
        Objects.requireNonNull(value, setting);
        String scrubbed = scrubber.scrub(value.strip(), max);
        if (!mayBeEmpty && scrubbed.isBlank()) {
            throw new IllegalArgumentException(setting + " must not be blank");
        }
        return scrubbed;
    }

    private List<String> components(Set<String> ids, boolean required) {
        if (required && ids.isEmpty()) {
            throw new IllegalArgumentException("components must name at least one public component; known: "
                    + new TreeSet<>(components.keySet()));
        }
        for (String id : ids) {
            if (!components.containsKey(id)) {
                throw new IllegalArgumentException("components must be public components of the page "
                        + new TreeSet<>(components.keySet()) + ", was '" + scrubber.scrub(id, 64) + "'");
            }
        }
        return List.copyOf(new TreeSet<>(ids));
    }

    private String link(String url) {
        Objects.requireNonNull(url, "postmortemUrl");
        String raw = url.strip();
        String lower = raw.toLowerCase(Locale.ROOT);
        boolean valid = (lower.startsWith("https://") || lower.startsWith("http://")) && raw.length() <= MAX_LINK_LENGTH
                && raw.chars().noneMatch(c -> c <= ' ');
        if (valid) {
            try {
                valid = new URI(raw).getHost() != null;
            } catch (java.net.URISyntaxException e) {
                valid = false;
            }
        }
        if (!valid) {
            // the refusal shows the value scrubbed: a link may carry a credential
            throw new IllegalArgumentException("postmortemUrl must be an http(s) URL with a host, of at most " + MAX_LINK_LENGTH
                    + " characters, was '" + scrubber.scrub(url, 80) + "'");
        }
        return scrubber.scrub(raw); // a credential in it (user:password@, ?token=) never reaches the page
    }

    private void save() {
        if (file != null) {
            file.write(new BoardFile.Contents(List.copyOf(incidents.values()), List.copyOf(maintenances.values()),
                    Map.copyOf(silences)));
        }
    }

    private static String newId() {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET.charAt(IDS.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
