package dev.monitor.rule.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.health.CheckReport;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthReport;
import dev.monitor.health.HealthTransition;
import dev.monitor.health.HealthTransitionListener;
import dev.monitor.rule.HealthAlertRule;
import dev.monitor.rule.RuleState;
import dev.monitor.rule.RuleStatus;
import dev.monitor.rule.RuleTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link HealthAlertRule}: takes the registry's transitions (on the health threads, handed over
 * at once) and, at each interval, a fresh report; decides on the engine's thread which checks fire and
 * which resolve. Holds one small state per registered check, dropped when the check is unregistered.
 * Not API.
 */
public final class HealthAlertTracker implements HealthTransitionListener {

    private static final Logger log = LoggerFactory.getLogger(HealthAlertTracker.class);

    /** What the tracker knows of one check. */
    private static final class CheckState {
        final Map<String, String> labels;
        final Map<String, String> shownLabels;
        CheckStatus status = CheckStatus.PASS;
        @Nullable Instant statusAt;
        boolean knownFromTransition;
        boolean critical;
        @Nullable String error;
        @Nullable Instant failingSince;
        RuleState state = RuleState.INACTIVE;
        Instant since;
        @Nullable String firingFingerprint;

        CheckState(Map<String, String> labels, Map<String, String> shownLabels, Instant since) {
            this.labels = labels;
            this.shownLabels = shownLabels;
            this.since = since;
        }
    }

    private final HealthAlertRule rule;
    private final SummaryTemplate summary;
    private final RuleRuntime runtime;
    private final HealthRegistry registry;
    private final Map<String, HealthTransition> arrived = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable HealthReport> latestReport = new AtomicReference<>();
    // guarded by this
    private final Map<String, CheckState> checks = new TreeMap<>();
    private Instant graceEnds;

    /** A tracker for {@code rule}. */
    public HealthAlertTracker(HealthAlertRule rule, SummaryTemplate summary, RuleRuntime runtime) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.registry = rule.registry();
        this.graceEnds = runtime.now().plus(rule.startupGrace());
    }

    /** The rule run. */
    public HealthAlertRule rule() {
        return rule;
    }

    /** Starts listening to the registry; the startup grace counts from now. */
    public void start() {
        synchronized (this) {
            graceEnds = runtime.now().plus(rule.startupGrace());
        }
        registry.addTransitionListener(this);
    }

    /** Stops listening. */
    public void stop() {
        registry.removeTransitionListener(this);
    }

    /** Stops listening and resolves every alert this rule fires, for a rule being removed. */
    public void retire() {
        stop();
        List<Runnable> actions = new ArrayList<>();
        synchronized (this) {
            Instant now = runtime.now();
            for (Map.Entry<String, CheckState> entry : checks.entrySet()) {
                if (entry.getValue().firingFingerprint != null) {
                    resolve(entry.getKey(), entry.getValue(), now, "removed", actions);
                }
            }
        }
        actions.forEach(Runnable::run);
    }

    @Override
    public void onTransition(HealthTransition transition) {
        // On a health worker thread: only hand over (latest per check wins) and wake the engine.
        arrived.merge(transition.check(), transition, (old, now) -> now.at().isBefore(old.at()) ? old : now);
        runtime.execute(this::process);
    }

    /** One interval: asks for a fresh report (so on-request checks run) and re-examines every check. */
    public void tick() {
        if (rule.refreshChecks()) {
            try {
                registry.reportAsync(null).whenComplete((report, error) -> {
                    if (report != null) {
                        latestReport.set(report);
                        runtime.execute(this::process);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Health alert rule {} could not ask for a report: {}", rule.name(), runtime.scrub(RuleTexts.failure(e)));
            }
        }
        process();
    }

    /** Where each known check stands. */
    public synchronized List<RuleStatus> statuses() {
        List<RuleStatus> statuses = new ArrayList<>(checks.size());
        for (CheckState check : checks.values()) {
            statuses.add(new RuleStatus(rule.name(), check.shownLabels, check.state, check.since, check.statusAt, Double.NaN,
                    check.status == CheckStatus.FAIL ? check.error : null));
        }
        return statuses;
    }

    /** Applies what arrived and decides; runs on the engine's thread. */
    public void process() {
        List<Runnable> actions = new ArrayList<>();
        synchronized (this) {
            Instant now = runtime.now();
            for (Iterator<Map.Entry<String, HealthTransition>> it = arrived.entrySet().iterator(); it.hasNext();) {
                HealthTransition transition = it.next().getValue();
                it.remove();
                CheckReport report = transition.report();
                update(transition.check(), transition.to(), transition.at(), report.critical(), report.error(), now, true);
            }
            HealthReport report = latestReport.getAndSet(null);
            if (report != null) {
                for (CheckReport check : report.checks().values()) {
                    update(check.name(), check.status(), check.checkedAt(), check.critical(), check.error(), now, false);
                }
            }
            boolean quiet = now.isBefore(graceEnds);
            boolean shuttingDown = registry.isShuttingDown();
            for (Iterator<Map.Entry<String, CheckState>> it = checks.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, CheckState> entry = it.next();
                String name = entry.getKey();
                CheckState check = entry.getValue();
                if (!registry.contains(name)) {
                    if (check.firingFingerprint != null) {
                        resolve(name, check, now, "check_removed", actions);
                    }
                    it.remove();
                    continue;
                }
                decide(name, check, now, quiet, shuttingDown, actions);
            }
        }
        actions.forEach(Runnable::run);
    }

    /**
     * Takes a check's reported status. Every change of a reported status is a transition, so once a check
     * has had one, transitions alone move it (a report may have been assembled before a transition it does
     * not show yet); reports only introduce checks whose status has not changed since registration, such as
     * a check that starts failing.
     */
    private void update(String name, CheckStatus status, Instant at, boolean critical, @Nullable String error, Instant now,
            boolean fromTransition) {
        CheckState check = checks.get(name);
        if (check == null) {
            if (!registry.contains(name)) {
                return;
            }
            Map<String, String> labels = new TreeMap<>(rule.labels());
            labels.put("check", name);
            check = new CheckState(Map.copyOf(labels), runtime.scrubLabels(labels), now);
            checks.put(name, check);
        }
        if (!fromTransition && check.knownFromTransition) {
            return;
        }
        if (check.statusAt != null && at.isBefore(check.statusAt)) {
            return; // older news than what we have
        }
        check.knownFromTransition |= fromTransition;
        check.status = status;
        check.statusAt = at;
        check.critical = critical;
        check.error = error == null ? null : runtime.scrub(error);
        if (status == CheckStatus.FAIL) {
            if (check.failingSince == null) {
                check.failingSince = at;
            }
        } else {
            check.failingSince = null;
        }
    }

    private void decide(String name, CheckState check, Instant now, boolean quiet, boolean shuttingDown, List<Runnable> actions) {
        boolean failing = check.status == CheckStatus.FAIL && (check.critical || !rule.criticalOnly());
        if (failing) {
            if (check.firingFingerprint != null) {
                return;
            }
            Instant failingSince = Objects.requireNonNull(check.failingSince);
            boolean longEnough = Duration.between(failingSince, now).compareTo(rule.pendingFor()) >= 0;
            if (longEnough && !quiet && !shuttingDown) {
                fire(name, check, now, actions);
            } else if (check.state != RuleState.PENDING) {
                move(check, RuleState.PENDING, now, "check_failing", null, actions);
            }
        } else if (check.firingFingerprint != null) {
            resolve(name, check, now, "check_passing", actions);
        } else if (check.state == RuleState.PENDING) {
            move(check, RuleState.INACTIVE, now, "check_passing", null, actions);
        }
    }

    private void fire(String name, CheckState check, Instant now, List<Runnable> actions) {
        AlertSeverity severity = check.critical ? rule.criticalSeverity() : rule.nonCriticalSeverity();
        String text = runtime.summary(render(name, check, severity));
        Alert alert = Alert.builder(rule.name())
                .severity(severity)
                .labels(check.labels)
                .summary(text)
                .annotation("status", check.status.jsonValue())
                .annotation("critical", Boolean.toString(check.critical))
                .source("health check " + name)
                .build();
        check.firingFingerprint = alert.fingerprint();
        move(check, RuleState.FIRING, now, "check_failing", text, actions);
        actions.add(() -> runtime.fire(alert));
    }

    private void resolve(String name, CheckState check, Instant now, String reason, List<Runnable> actions) {
        String fingerprint = Objects.requireNonNull(check.firingFingerprint);
        check.firingFingerprint = null;
        move(check, RuleState.RESOLVED, now, reason, runtime.summary("health check " + name + " " + switch (reason) {
            case "check_removed" -> "was removed";
            case "removed" -> "is no longer watched";
            default -> "passes again";
        }), actions);
        actions.add(() -> runtime.resolve(fingerprint));
    }

    private void move(CheckState check, RuleState to, Instant now, String reason, @Nullable String text, List<Runnable> actions) {
        RuleTransition transition = new RuleTransition(rule.name(), check.shownLabels, check.state, to, now, Double.NaN, reason, text);
        check.state = to;
        check.since = now;
        actions.add(() -> runtime.publish(transition));
    }

    private String render(String name, CheckState check, AlertSeverity severity) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", rule.name());
        values.put("check", name);
        values.put("error", check.error == null ? "no error text" : check.error);
        values.put("for", RuleTexts.duration(rule.pendingFor()));
        values.put("severity", severity.label());
        return summary.render(values, check.shownLabels); // label values scrubbed knowing their key
    }
}
