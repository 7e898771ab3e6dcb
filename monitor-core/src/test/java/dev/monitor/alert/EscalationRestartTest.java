package dev.monitor.alert;

import static dev.monitor.alert.EscalationTest.ALICE;
import static dev.monitor.alert.EscalationTest.CAROL;
import static dev.monitor.alert.EscalationTest.T0;
import static dev.monitor.alert.EscalationTest.WAIT;
import static dev.monitor.alert.EscalationTest.apiDown;
import static dev.monitor.alert.EscalationTest.escalation;
import static dev.monitor.alert.EscalationTest.route;
import static dev.monitor.alert.EscalationTest.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.monitor.alert.AlertTimelineEntry.Type;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.EscalationChild;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.alert.support.LoopbackHttpServer.Request;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.alert.support.RecordingChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatcher restarted in the middle of an escalation (a new dispatcher on the same state directory) resumes
 * at the right level, at the planned time, without notifying again the levels already notified.
 */
class EscalationRestartTest {

    @TempDir
    Path stateDirectory;

    final ManualClock clock = new ManualClock(T0);

    private record Run(AlertDispatcher dispatcher, RecordingChannel chat, RecordingChannel sms, RecordingChannel phone) {
    }

    private Run start() {
        RecordingChannel chat = new RecordingChannel("chat");
        RecordingChannel sms = new RecordingChannel("sms").acceptingRecipients();
        RecordingChannel phone = new RecordingChannel("phone");
        AlertDispatcher dispatcher = AlertDispatcher.builder().channel(chat).channel(sms).channel(phone)
                .route(route(Duration.ofDays(1))).escalation(escalation()).clock(clock).stateDirectory(stateDirectory).build();
        return new Run(dispatcher, chat, sms, phone);
    }

    /** As {@link EscalationTest#advance}: deliveries under way are handled before the clock moves on. */
    private void advance(Run run, Duration duration) {
        sync(run.dispatcher());
        clock.advance(duration);
        sync(run.dispatcher());
    }

    /** Fires a CRITICAL and walks it to level 2 (the primary's SMS at 15 min); returns the stopped first run. */
    private Run firstRunToLevelTwo(Alert alert) {
        Run first = start();
        first.dispatcher().fire(alert);
        Await.until(WAIT, () -> first.chat().delivered().size() == 1, "level 1");
        advance(first, Duration.ofMinutes(15));
        Await.until(WAIT, () -> first.sms().delivered().size() == 1, "level 2");
        assertThat(first.sms().delivered().get(0).recipients()).containsExactly(ALICE);
        return first;
    }

    @Test
    void aRestartAtLevelTwoResumesWithLevelThreeAtItsPlannedTimeWithoutNotifyingLevelsOneAndTwoAgain() {
        Alert alert = apiDown();
        Run first = firstRunToLevelTwo(alert);
        first.dispatcher().close();

        clock.set(T0.plus(Duration.ofMinutes(20)));
        Run second = start();
        try {
            sync(second.dispatcher());
            AlertIncident incident = second.dispatcher().incident(alert.fingerprint()).orElseThrow();
            assertThat(incident.level()).isEqualTo(2);
            assertThat(incident.nextEscalationAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
            assertThat(incident.timeline()).extracting(AlertTimelineEntry::type).startsWith(Type.FIRED, Type.ESCALATED)
                    .contains(Type.NOTIFIED);
            assertThat(second.chat().attempts()).as("level 1 is not notified again").isEmpty();
            assertThat(second.sms().attempts()).as("level 2 is not notified again").isEmpty();

            advance(second, Duration.ofMinutes(10).minusSeconds(1));
            assertThat(second.phone().attempts()).isEmpty();
            advance(second, Duration.ofSeconds(1));
            Await.until(WAIT, () -> second.phone().delivered().size() == 1 && second.sms().delivered().size() == 1, "level 3");
            assertThat(second.sms().delivered().get(0).recipients()).as("only the secondary is paged").containsExactly(CAROL);
            assertThat(second.chat().attempts()).isEmpty();

            // the targets notified before the restart are remembered: the resolution reaches alice too
            second.dispatcher().resolve(alert);
            Await.until(WAIT, () -> second.sms().delivered().size() == 2 && second.phone().delivered().size() == 2,
                    "resolved follow-ups");
            AlertNotification resolved = second.sms().delivered().get(1);
            assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(resolved.recipients()).containsExactlyInAnyOrder(ALICE, CAROL);
            assertThat(escalations(second, alert)).extracting(AlertTimelineEntry::level).containsExactly(1, 2, 3);
        } finally {
            second.dispatcher().close();
        }
    }

    @Test
    void aDispatcherDownPastALevelNotifiesItOnceAtTheRestartAndKeepsThePlanForTheNext() {
        Alert alert = apiDown();
        firstRunToLevelTwo(alert).dispatcher().close();

        clock.set(T0.plus(Duration.ofMinutes(44))); // level 3 was due at 30 min
        Run second = start();
        try {
            Await.until(WAIT, () -> second.phone().delivered().size() == 1, "the missed level 3, at once");
            sync(second.dispatcher());
            assertThat(second.phone().delivered()).hasSize(1);
            assertThat(second.sms().delivered()).extracting(AlertNotification::recipients).containsExactly(List.of(CAROL));
            AlertIncident incident = second.dispatcher().incident(alert.fingerprint()).orElseThrow();
            assertThat(incident.level()).isEqualTo(3);
            assertThat(incident.nextEscalationAt()).as("the repeat 30 min after level 3's planned time")
                    .isEqualTo(T0.plus(Duration.ofMinutes(60)));
            advance(second, Duration.ofMinutes(16));
            Await.until(WAIT, () -> second.phone().delivered().size() == 2, "the repeat");
        } finally {
            second.dispatcher().close();
        }
    }

    @Test
    void anAcknowledgementSurvivesTheRestartAndTheEscalationStaysStopped() {
        Alert alert = apiDown();
        Run first = firstRunToLevelTwo(alert);
        assertThat(first.dispatcher().acknowledge(alert.fingerprint(), "alice", "looking")).isTrue();
        Await.until(WAIT, () -> first.sms().delivered().size() == 2, "the acknowledgement told to alice");
        first.dispatcher().close();

        Run second = start();
        try {
            advance(second, Duration.ofHours(3));
            assertThat(second.phone().attempts()).isEmpty();
            assertThat(second.sms().attempts()).isEmpty();
            assertThat(second.chat().attempts()).as("no reminder of the acknowledged alert").isEmpty();
            AlertIncident incident = second.dispatcher().incident(alert.fingerprint()).orElseThrow();
            assertThat(incident.acknowledgement()).isEqualTo(new AlertAcknowledgement("alice", T0.plus(Duration.ofMinutes(15)),
                    "looking"));
            assertThat(incident.nextEscalationAt()).isNull();
            assertThat(second.dispatcher().acknowledge(alert.fingerprint(), "bob")).isFalse();
        } finally {
            second.dispatcher().close();
        }
    }

    private static List<AlertTimelineEntry> escalations(Run run, Alert alert) {
        return run.dispatcher().incident(alert.fingerprint()).orElseThrow().timeline().stream()
                .filter(e -> e.type() == Type.ESCALATED).toList();
    }

    @Test
    void aKilledProcessAtLevelTwoIsResumedByTheNextWithoutAnotherMessageToLevelsOneAndTwo() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start().defaultReply(LoopbackHttpServer.Reply.status(201))) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), EscalationChild.class.getName(), stateDirectory.toString(),
                    server.url(""))
                    .redirectErrorStream(true).start();
            try {
                BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                StringBuilder seen = new StringBuilder();
                // a hang guard: a child stuck before READY would otherwise hold the build forever
                assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
                    String line;
                    while ((line = output.readLine()) != null && !line.equals("READY")) {
                        seen.append(line).append('\n');
                    }
                    assertThat(line).as("the child reached READY; its output:\n%s", seen).isEqualTo("READY");
                }, () -> "the child did not reach READY; its output:\n" + seen);
            } finally {
                child.destroyForcibly(); // SIGKILL: no close, no final journal sync
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(paths(server)).containsExactly("/chat", "/2010-04-01/Accounts/AC0123/Messages.json");

            ManualClock restartClock = new ManualClock(EscalationChild.READY_AT);
            try (AlertDispatcher restarted = EscalationChild.dispatcher(stateDirectory, server.url(""), restartClock)) {
                // level 3 is planned 5 s after the start: not a moment before
                restartClock.set(EscalationChild.START.plusSeconds(5).minusMillis(1));
                sync(restarted);
                assertThat(paths(server)).as("nothing before level 3's planned time").hasSize(2);
                restartClock.set(EscalationChild.START.plusSeconds(5));
                sync(restarted);
                Await.until(WAIT, () -> paths(server).contains("/pager"), () -> "level 3 after the restart: "
                        + paths(server));
                assertThat(restarted.awaitIdle(WAIT)).isTrue();
                assertThat(paths(server)).as("one chat message (level 1), one SMS (level 2), then the pager (level 3)")
                        .containsExactly("/chat", "/2010-04-01/Accounts/AC0123/Messages.json", "/pager");
                AlertIncident incident = restarted.incidents().get(0);
                assertThat(incident.level()).isEqualTo(3);
                assertThat(incident.timeline()).filteredOn(e -> e.type() == Type.ESCALATED)
                        .extracting(AlertTimelineEntry::level).containsExactly(1, 2, 3);
            }
        }
    }

    private static List<String> paths(LoopbackHttpServer server) {
        return server.requests().stream().map(Request::path).toList();
    }
}
