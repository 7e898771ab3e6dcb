package dev.monitor.uptime.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import dev.monitor.health.Ticker;
import dev.monitor.pii.Scrubber;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeDay;
import dev.monitor.uptime.UptimeState;
import dev.monitor.uptime.UptimeSummary;
import dev.monitor.uptime.UptimeTarget;
import dev.monitor.uptime.UptimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one target: probes it (one check at a time: a check still running when the next is due makes that
 * one skipped), keeps its history, moves its state through the failure and recovery thresholds and fires
 * and resolves its alerts. Not API.
 *
 * <p>Alerts: {@value #DOWN_ALERT} (label {@code target}) when the failure threshold is reached, resolved
 * after the recovery threshold; {@value #CERTIFICATE_ALERT} (severity medium) while the certificate has
 * fewer days left than the warn threshold.
 */
public final class TargetRunner {

    /** Name of the alert of a target that is down. */
    public static final String DOWN_ALERT = "UptimeTargetDown";
    /** Name of the alert of a certificate about to expire. */
    public static final String CERTIFICATE_ALERT = "UptimeCertificateExpiring";

    private static final Logger log = LoggerFactory.getLogger(TargetRunner.class);
    private static final Duration DAY = Duration.ofDays(1);

    private final UptimeTarget target;
    private final UptimeProbe probe;
    private final @Nullable AlertDispatcher dispatcher;
    private final AtomicBoolean running = new AtomicBoolean();
    private final String downFingerprint;
    private final String certificateFingerprint;

    // guarded by this
    private final TargetHistory history = new TargetHistory();
    private UptimeState state = UptimeState.UNKNOWN;
    private Instant since;
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private boolean downAlerted;
    private boolean certificateAlerted;
    private boolean leftoversResolved;
    private @Nullable UptimeCheckResult last;

    /**
     * A runner for {@code target}, starting unknown at {@code now}; {@code ticker} measures the response times the
     * probes measure themselves (TCP, DNS, scenarios).
     */
    public TargetRunner(UptimeTarget target, Scrubber scrubber, Ticker ticker, @Nullable AlertDispatcher dispatcher,
            Instant now) {
        this.target = Objects.requireNonNull(target, "target");
        this.probe = UptimeProbe.of(target, scrubber, ticker);
        this.dispatcher = dispatcher;
        this.since = now;
        this.downFingerprint = Alert.builder(DOWN_ALERT).labels(target.labels()).label("target", target.name()).build().fingerprint();
        this.certificateFingerprint = Alert.builder(CERTIFICATE_ALERT).labels(target.labels()).label("target", target.name())
                .build().fingerprint();
    }

    /** The target. */
    public UptimeTarget target() {
        return target;
    }

    /**
     * Checks the target now and applies the result, unless a check is already running.
     *
     * @return the result, or {@code null} when skipped
     */
    public @Nullable UptimeCheckResult check(Supplier<Instant> clock) {
        if (!running.compareAndSet(false, true)) {
            return null;
        }
        try {
            UptimeCheckResult result = probe.check(clock);
            apply(result);
            return result;
        } finally {
            running.set(false);
        }
    }

    /** Adds a stored result to the history (at start-up, before the first check). */
    public synchronized void restore(UptimeCheckResult result) {
        history.record(result);
    }

    /** Applies a result: history, thresholds, alerts. */
    void apply(UptimeCheckResult result) {
        List<Runnable> actions = new ArrayList<>(2);
        synchronized (this) {
            history.record(result);
            last = result;
            Instant now = result.checkedAt();
            if (!result.isUp()) {
                consecutiveFailures++;
                consecutiveSuccesses = 0;
                if (state != UptimeState.DOWN && consecutiveFailures >= target.failureThreshold()) {
                    move(UptimeState.DOWN, now);
                    downAlerted = true;
                    Alert alert = alert(DOWN_ALERT, target.severity(), target.name() + " is down: " + result.error() + " ("
                            + consecutiveFailures + " failed checks in a row)", result.step());
                    actions.add(() -> fire(alert));
                }
            } else {
                consecutiveSuccesses++;
                consecutiveFailures = 0;
                UptimeState up = result.status() == CheckStatus.WARN ? UptimeState.DEGRADED : UptimeState.UP;
                if (state == UptimeState.DOWN) {
                    if (consecutiveSuccesses >= target.recoveryThreshold()) {
                        move(up, now);
                        if (downAlerted) {
                            downAlerted = false;
                            actions.add(() -> resolve(downFingerprint));
                        }
                    }
                } else if (state != up) {
                    move(up, now);
                }
                if (!leftoversResolved) {
                    // After a restart, an alert fired before it may still be active in a dispatcher that keeps
                    // its state: the target answers, so resolve it (an unknown fingerprint is ignored).
                    leftoversResolved = true;
                    actions.add(() -> resolve(downFingerprint));
                }
            }
            Long days = result.certificateDaysLeft();
            if (days != null) {
                boolean expiring = target.certificateWarnDays() > 0 && days < target.certificateWarnDays();
                if (expiring && !certificateAlerted) {
                    certificateAlerted = true;
                    Alert alert = alert(CERTIFICATE_ALERT, AlertSeverity.MEDIUM, "TLS certificate of " + target.name()
                            + (days < 0 ? " has expired" : " expires in " + days + " days"), null);
                    actions.add(() -> fire(alert));
                } else if (!expiring && certificateAlerted) {
                    certificateAlerted = false;
                    actions.add(() -> resolve(certificateFingerprint));
                }
            }
        }
        actions.forEach(Runnable::run);
    }

    /** Resolves this target's alerts, for a target being removed. */
    public void retire() {
        boolean down;
        boolean certificate;
        synchronized (this) {
            down = downAlerted;
            certificate = certificateAlerted;
            downAlerted = false;
            certificateAlerted = false;
        }
        if (down) {
            resolve(downFingerprint);
        }
        if (certificate) {
            resolve(certificateFingerprint);
        }
    }

    /** The summary at {@code now}. */
    public synchronized UptimeSummary summary(Instant now, ZoneId zone) {
        UptimeWindow day = history.window(DAY, now);
        return new UptimeSummary(target.name(), state, since, last, consecutiveFailures, day,
                history.window(Duration.ofDays(7), now), history.window(Duration.ofDays(30), now),
                history.days(30, now, zone));
    }

    /** Daily uptime of the last {@code count} days, oldest first, without the hours {@code excludedHour} names. */
    public synchronized List<UptimeDay> days(int count, Instant now, ZoneId zone, Predicate<Instant> excludedHour) {
        return history.days(count, now, zone, excludedHour);
    }

    /** The last results, oldest first. */
    public synchronized List<UptimeCheckResult> recent() {
        return history.recent();
    }

    /** The target as a health check result: fail while down, warn while degraded, else pass. */
    public synchronized HealthResult healthResult(Instant now) {
        CheckStatus status = switch (state) {
            case DOWN -> CheckStatus.FAIL;
            case DEGRADED -> CheckStatus.WARN;
            case UP, UNKNOWN -> CheckStatus.PASS;
        };
        HealthResult.Builder result = HealthResult.builder(status)
                .detail("state", state.label())
                .detail("consecutive_failures", consecutiveFailures);
        UptimeWindow day = history.window(DAY, now);
        if (day.uptimePercent() != null) {
            result.detail("uptime_24h_percent", Math.round(day.uptimePercent() * 1000) / 1000.0);
        }
        if (last != null) {
            if (last.responseTime() != null) {
                result.observed("responseTime", last.responseTime().toMillis(), "ms");
            }
            if (last.certificateDaysLeft() != null) {
                result.detail("certificate_days_left", last.certificateDaysLeft());
            }
            if (status != CheckStatus.PASS) {
                result.error(last.error() != null ? last.error() : state.label());
                if (last.step() != null) {
                    result.detail("step", last.step());
                }
            }
        }
        return result.build();
    }

    private void move(UptimeState to, Instant now) {
        state = to;
        since = now;
    }

    private Alert alert(String name, AlertSeverity severity, String summary, @Nullable String step) {
        Alert.Builder alert = Alert.builder(name).severity(severity).labels(target.labels()).label("target", target.name())
                .summary(summary).source("uptime check " + target.name());
        if (step != null) {
            alert.annotation("step", step); // an annotation, not a label: the alert's identity stays the target's
        }
        return alert.build();
    }

    private void fire(Alert alert) {
        if (dispatcher != null) {
            try {
                dispatcher.fire(alert);
            } catch (RuntimeException e) {
                log.warn("Could not fire {} for uptime target {}: {}", alert.name(), target.name(), e.getClass().getName());
            }
        }
    }

    private void resolve(String fingerprint) {
        if (dispatcher != null) {
            try {
                dispatcher.resolve(fingerprint);
            } catch (RuntimeException e) {
                log.warn("Could not resolve an alert of uptime target {}: {}", target.name(), e.getClass().getName());
            }
        }
    }
}
