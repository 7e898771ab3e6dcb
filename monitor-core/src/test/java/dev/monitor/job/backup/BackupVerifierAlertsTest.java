package dev.monitor.job.backup;

import static dev.monitor.job.backup.H2Backups.backup;
import static dev.monitor.job.backup.H2Backups.cutInHalf;
import static dev.monitor.job.backup.H2Backups.restoreIntoScratchDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.alert.support.RecordingChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notice of a verified backup and the alerts of a failed one, through a real dispatcher. */
class BackupVerifierAlertsTest {

    private static final Instant NOW = Instant.parse("2026-02-08T03:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30); // a hang guard only
    private static final Duration GROUP_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path backups;

    private final ManualClock clock = new ManualClock(NOW);
    private final RecordingChannel chat = new RecordingChannel("chat");
    private AlertDispatcher dispatcher;

    @BeforeEach
    void startDispatcher() {
        dispatcher = AlertDispatcher.builder().channel(chat).clock(clock)
                .route(AlertRoute.builder().groupByEachAlert().groupWait(GROUP_WAIT).groupInterval(Duration.ofMinutes(5)).build())
                .build();
    }

    @AfterEach
    void closeDispatcher() {
        dispatcher.close();
    }

    @Test
    void aVerifiedBackupSendsAnInfoNoticeWithItsFigures() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 200, NOW.minus(Duration.ofHours(25)));
        backup(backups.resolve("orders-2.sql.gz"), "GZIP", 210, NOW.minus(Duration.ofHours(1)));

        BackupReport report = verifier().build().verify();
        deliverAfterGroupWait(1);

        assertThat(report.ok()).as("%s", report).isTrue();
        NotifiedAlert notice = chat.delivered().get(0).alerts().get(0);
        assertThat(notice.isFiring()).isTrue();
        Alert alert = notice.alert();
        assertThat(alert.name()).isEqualTo("BackupVerified");
        assertThat(alert.severity()).isEqualTo(AlertSeverity.INFO);
        assertThat(alert.labels()).containsEntry("job", "orders-backup").containsEntry("backup", "orders-2.sql.gz");
        assertThat(alert.summary()).startsWith("backup verified: orders-2.sql.gz, ").contains("1h old")
                .contains("restored {orders=210, customers=21}");
        assertThat(alert.annotations())
                .containsEntry("file", "orders-2.sql.gz")
                .containsEntry("previous_file", "orders-1.sql.gz")
                .containsEntry("age_seconds", "3600")
                .containsEntry("restored_orders", "210")
                .containsEntry("restored_customers", "21")
                .containsKeys("size_bytes", "previous_size_bytes", "shrink_percent");
    }

    @Test
    void aFailedCheckFiresAnAlertLabelledWithTheCheckThatTheNextSuccessfulVerificationResolves() throws Exception {
        Path broken = backup(backups.resolve("orders-1.sql.gz"), "GZIP", 500, NOW.minus(Duration.ofHours(1)));
        cutInHalf(broken);
        BackupVerifier verifier = verifier().maxShrinkPercent(100).build();

        BackupReport failed = verifier.verify();
        deliverAfterGroupWait(1);

        assertThat(failed.ok()).isFalse();
        NotifiedAlert failure = chat.delivered().get(0).alerts().get(0);
        assertThat(failure.isFiring()).isTrue();
        assertThat(failure.alert().name()).isEqualTo("BackupVerificationFailed");
        assertThat(failure.alert().severity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(failure.alert().labels()).containsEntry("job", "orders-backup").containsEntry("check", "integrity");
        assertThat(failure.alert().summary()).isEqualTo("backup verification orders-backup failed its integrity check: "
                + "gzip backup does not read to the end: gzip data ends early (truncated file?)");
        assertThat(failure.alert().annotations()).containsEntry("file", "orders-1.sql.gz");

        clock.advance(Duration.ofHours(1));
        backup(backups.resolve("orders-2.sql.gz"), "GZIP", 500, clock.instant());
        BackupReport repaired = verifier.verify();

        assertThat(repaired.ok()).as("%s", repaired).isTrue();
        advanceMinutesUntil(
                () -> find("BackupVerificationFailed", false).isPresent() && find("BackupVerified", true).isPresent(),
                () -> "the failure resolved and the notice sent: " + chat.delivered());
        NotifiedAlert resolved = find("BackupVerificationFailed", false).orElseThrow();
        assertThat(resolved.fingerprint()).isEqualTo(failure.fingerprint());
        assertThat(find("BackupVerified", true).orElseThrow().alert().labels()).containsEntry("backup", "orders-2.sql.gz");
    }

    @Test
    void eachFailedCheckIsItsOwnAlertAtTheConfiguredSeverity() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 2_000, NOW.minus(Duration.ofDays(3)));
        backup(backups.resolve("orders-2.sql.gz"), "GZIP", 10, NOW.minus(Duration.ofDays(2)));

        BackupReport report = verifier().maxShrinkPercent(10).failureSeverity(AlertSeverity.CRITICAL).build().verify();
        deliverAfterGroupWait(2);

        assertThat(report.failures()).extracting(BackupCheck::kind).containsExactly(BackupCheck.Kind.AGE, BackupCheck.Kind.SIZE);
        List<Alert> alerts = chat.delivered().stream().map(n -> n.alerts().get(0).alert()).toList();
        assertThat(alerts).extracting(Alert::name).containsOnly("BackupVerificationFailed");
        assertThat(alerts).extracting(Alert::severity).containsOnly(AlertSeverity.CRITICAL);
        assertThat(alerts).extracting(alert -> alert.labels().get("check")).containsExactlyInAnyOrder("age", "size");
    }

    @Test
    void theNoticeOfABackupIsSentOnceAndResolvedWhenTheNextBackupIsVerified() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));
        BackupVerifier verifier = verifier().build();

        verifier.verify();
        deliverAfterGroupWait(1);
        clock.advance(Duration.ofHours(1));
        verifier.verify(); // the same backup again: nothing new to say
        Await.dispatcherRound(dispatcher);
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        clock.advance(Duration.ofMinutes(10)); // past the group wait and interval
        Await.dispatcherRound(dispatcher);
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

        assertThat(chat.delivered()).hasSize(1);

        backup(backups.resolve("orders-2.sql.gz"), "GZIP", 100, clock.instant());
        verifier.verify();
        advanceMinutesUntil(() -> find("BackupVerified", false).isPresent() && find("BackupVerified", true)
                        .filter(n -> n.alert().labels().get("backup").equals("orders-2.sql.gz")).isPresent(),
                () -> "the old notice resolved and the new one sent: " + chat.delivered());

        assertThat(find("BackupVerified", false).orElseThrow().alert().labels()).containsEntry("backup", "orders-1.sql.gz");
        assertThat(find("BackupVerified", true).orElseThrow().alert().labels()).containsEntry("backup", "orders-2.sql.gz");
    }

    @Test
    void onTheDocumentedRouteOfItsOwnTheNoticeIsNeitherRepeatedNorResolved() throws Exception {
        dispatcher.close();
        dispatcher = AlertDispatcher.builder().channel(chat).clock(clock)
                .route(AlertRoute.builder().groupByEachAlert().groupWait(GROUP_WAIT).groupInterval(Duration.ofMinutes(5))
                        .route(AlertRoute.builder().match(AlertMatcher.name("BackupVerified")).sendResolved(false)
                                .repeatInterval(Duration.ofDays(7)).build())
                        .build())
                .build();
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));
        BackupVerifier verifier = verifier().build();

        verifier.verify();
        deliverAfterGroupWait(1);
        clock.advance(Duration.ofHours(5)); // past the default repeat interval of 4 h
        Await.dispatcherRound(dispatcher);
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        assertThat(chat.delivered()).hasSize(1);

        backup(backups.resolve("orders-2.sql.gz"), "GZIP", 100, clock.instant());
        verifier.verify();
        advanceMinutesUntil(() -> find("BackupVerified", true).filter(n -> n.alert().labels().get("backup").equals("orders-2.sql.gz"))
                        .isPresent(), () -> "the new notice sent: " + chat.delivered());
        clock.advance(Duration.ofMinutes(10)); // past the old notice's group interval
        Await.dispatcherRound(dispatcher);
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

        assertThat(chat.delivered()).hasSize(2).allMatch(n -> n.resolved().isEmpty());
    }

    @Test
    void personalDataInFileNamesAndRestoreErrorsNeverLeavesInAlerts() throws Exception {
        backup(backups.resolve("jane.doe@example.com.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));
        RestoreProbe failing = backup -> {
            throw new IllegalStateException("cannot restore " + backup + " for jane.doe@example.com, card 4111 1111 1111 1111");
        };

        verifier().restoreProbe(failing).build().verify();
        deliverAfterGroupWait(1);

        AlertNotification notification = chat.delivered().get(0);
        String shown = notification.alerts().get(0).alert().toString() + notification.groupLabels() + notification.commonAnnotations();
        assertThat(notification.alerts().get(0).alert().labels()).containsEntry("check", "restore");
        assertThat(shown).doesNotContain("jane.doe@example.com").doesNotContain("4111 1111 1111 1111")
                .doesNotContain(backups.toString());
    }

    @Test
    void aClosedDispatcherDoesNotTurnAVerificationIntoAnException() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));
        BackupVerifier verifier = verifier().build();
        dispatcher.close();

        BackupReport report = verifier.verify();

        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.restoreFigures()).containsEntry("orders", 100L);
    }

    private BackupVerifier.Builder verifier() {
        return BackupVerifier.builder("orders-backup", backups).clock(clock).restoreProbe(restoreIntoScratchDatabase())
                .alerts(dispatcher);
    }

    /** Lets the dispatcher take what was fired, moves the clock past the group wait and awaits {@code count} deliveries. */
    private void deliverAfterGroupWait(int count) {
        Await.dispatcherRound(dispatcher);
        clock.advance(GROUP_WAIT);
        Await.dispatcherRound(dispatcher);
        Await.until(WAIT, () -> chat.delivered().size() >= count, () -> count + " notifications: " + chat.delivered());
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        assertThat(chat.delivered()).hasSize(count);
    }

    /**
     * Moves the clock on a minute at a time, with a dispatcher round at each time, until {@code condition} holds. Every
     * delivery finishes before the clock moves: one still in flight when the clock jumps past its attempt deadline
     * would be abandoned as timed out and sent again.
     */
    private void advanceMinutesUntil(BooleanSupplier condition, Supplier<String> message) {
        for (int minute = 0; minute <= 20; minute++) {
            Await.dispatcherRound(dispatcher);
            assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
            if (condition.getAsBoolean()) {
                return;
            }
            clock.advance(Duration.ofMinutes(1));
        }
        throw new AssertionError("not reached within 20 minutes: " + message.get());
    }

    /** The delivered alert named {@code name}, firing or resolved. */
    private Optional<NotifiedAlert> find(String name, boolean firing) {
        return chat.delivered().stream().flatMap(n -> n.alerts().stream())
                .filter(a -> a.alert().name().equals(name) && a.isFiring() == firing).reduce((first, last) -> last);
    }
}
