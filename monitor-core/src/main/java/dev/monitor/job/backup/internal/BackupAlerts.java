package dev.monitor.job.backup.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.internal.DurationText;
import dev.monitor.job.backup.BackupCheck;
import dev.monitor.job.backup.BackupReport;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns verification reports into alerts. A verified backup is an INFO {@value #NOTICE} alert labelled {@code job} and
 * {@code backup} (the file name), held firing until the next verification verifies another backup or fails, then
 * resolved: firing and resolving it at once would never be notified, since the dispatcher (like Alertmanager) does
 * not report an alert that resolved before its group was first notified. Each failed check is a
 * {@value #FAILURE} alert labelled {@code job} and {@code check}, resolved when that check passes again or the whole
 * verification succeeds. Reports carry scrubbed texts already; the dispatcher scrubs everything again before it
 * leaves. Not API.
 */
public final class BackupAlerts {

    /** The name of the INFO notice of a verified backup. */
    public static final String NOTICE = "BackupVerified";
    /** The name of the alert of a failed check. */
    public static final String FAILURE = "BackupVerificationFailed";
    /** The source of every alert. */
    private static final String SOURCE = "backup-verifier";

    private final AlertDispatcher dispatcher;
    private final String job;
    private final AlertSeverity failureSeverity;
    private final Map<BackupCheck.Kind, String> failureFingerprints = new EnumMap<>(BackupCheck.Kind.class);
    private @Nullable Alert heldNotice;

    /** Alerts of the verifier {@code job}, failures at {@code failureSeverity}. */
    public BackupAlerts(AlertDispatcher dispatcher, String job, AlertSeverity failureSeverity) {
        this.dispatcher = dispatcher;
        this.job = job;
        this.failureSeverity = failureSeverity;
        for (BackupCheck.Kind kind : BackupCheck.Kind.values()) {
            failureFingerprints.put(kind, failureBase(kind).build().fingerprint());
        }
    }

    /**
     * Fires and resolves what {@code report} calls for. Only puts alerts in the dispatcher's queue; never blocks. Called
     * by one verification at a time.
     */
    public void publish(BackupReport report) {
        boolean ok = report.ok();
        for (BackupCheck check : report.checks()) {
            if (check.failed()) {
                dispatcher.fire(failure(check, report));
            } else if (ok || check.outcome() == BackupCheck.Outcome.PASSED) {
                dispatcher.resolve(failureFingerprints.get(check.kind())); // unknown fingerprints are ignored
            }
        }
        Alert held = heldNotice;
        if (!ok) {
            if (held != null) {
                dispatcher.resolve(held);
                heldNotice = null;
            }
            return;
        }
        Alert notice = notice(report);
        if (held != null && !held.fingerprint().equals(notice.fingerprint())) {
            dispatcher.resolve(held);
        }
        dispatcher.fire(notice);
        heldNotice = notice;
    }

    private Alert.Builder failureBase(BackupCheck.Kind kind) {
        return Alert.builder(FAILURE).label("job", job).label("check", kind.label());
    }

    private Alert failure(BackupCheck check, BackupReport report) {
        return failureBase(check.kind())
                .severity(failureSeverity)
                .summary("backup verification " + job + " failed its " + check.kind().label() + " check: " + check.message())
                .description(description(report))
                .annotations(report.figures())
                .source(SOURCE)
                .build();
    }

    private Alert notice(BackupReport report) {
        String file = report.file() == null ? "" : report.file();
        StringBuilder summary = new StringBuilder("backup verified: ").append(file);
        if (report.sizeBytes() != null) {
            summary.append(", ").append(report.sizeBytes()).append(" bytes");
        }
        if (report.age() != null) {
            summary.append(", ").append(DurationText.format(report.age())).append(" old");
        }
        if (!report.restoreFigures().isEmpty()) {
            summary.append(", restored ").append(report.restoreFigures());
        }
        return Alert.builder(NOTICE)
                .severity(AlertSeverity.INFO)
                .label("job", job)
                .label("backup", file.length() > Alert.MAX_LABEL_VALUE_LENGTH ? file.substring(0, Alert.MAX_LABEL_VALUE_LENGTH) : file)
                .summary(summary.toString())
                .description(description(report))
                .annotations(report.figures())
                .source(SOURCE)
                .build();
    }

    private static String description(BackupReport report) {
        StringBuilder text = new StringBuilder();
        for (BackupCheck check : report.checks()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(check.kind().label()).append(": ").append(check.outcome().name().toLowerCase(Locale.ROOT))
                    .append(" - ").append(check.message());
        }
        return text.toString();
    }
}
