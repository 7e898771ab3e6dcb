package dev.monitor.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.SecurityEvent;
import dev.monitor.request.TrackedRequest;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecurityEventAlertsTest {

    private final ManualScheduler time = new ManualScheduler();
    private final AlertCapture alerts = new AlertCapture();
    private final SecurityEventAlerts security = SecurityEventAlerts.builder(alerts.dispatcher())
            .clock(time.clock()).scheduler(time).quietPeriod(Duration.ofMinutes(10)).maxClients(2).build();

    @AfterEach
    void close() {
        security.close();
        alerts.close();
    }

    private SecurityEvent event(String client) {
        return new SecurityEvent(SecurityEvent.Type.REPEATED_AUTHENTICATION_FAILURES, client, 11, Duration.ofMinutes(1),
                time.now(), "req-1", "/login");
    }

    @Test
    void elevenFailedLoginsThroughTheRequestMonitorFireOneAlertLabelledWithTheClientHashOnly() {
        RequestMonitor requests = RequestMonitor.builder().build();
        requests.addSecurityEventListener(security);
        for (int i = 0; i < 11; i++) {
            TrackedRequest request = requests.start("POST", null, null);
            request.route("/login");
            request.clientAddress("203.0.113.9");
            request.end(401);
        }

        assertThat(alerts.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.alert().name()).isEqualTo("RepeatedAuthenticationFailures");
            assertThat(seen.alert().severity()).isEqualTo(AlertSeverity.HIGH);
            assertThat(seen.alert().labels()).containsOnlyKeys("client");
            assertThat(seen.alert().labels().get("client")).matches("[0-9a-f]{16}");
            assertThat(seen.alert().toString()).doesNotContain("203.0.113.9");
            assertThat(seen.alert().summary()).startsWith("11 failed authentications within 60 s from client ");
        });
    }

    @Test
    void aClientQuietForTheQuietPeriodIsResolvedAndAnActiveOneIsNot() {
        security.onSecurityEvent(event("aaaaaaaaaaaaaaaa"));
        security.onSecurityEvent(event("bbbbbbbbbbbbbbbb"));
        time.advance(Duration.ofMinutes(6));
        security.onSecurityEvent(event("bbbbbbbbbbbbbbbb")); // b keeps failing
        time.advance(Duration.ofMinutes(5));

        assertThat(alerts.events()).containsExactly("FIRED RepeatedAuthenticationFailures{client=aaaaaaaaaaaaaaaa}",
                "FIRED RepeatedAuthenticationFailures{client=bbbbbbbbbbbbbbbb}",
                "RESOLVED RepeatedAuthenticationFailures{client=aaaaaaaaaaaaaaaa}");
        assertThat(security.trackedClients()).isEqualTo(1);

        time.advance(Duration.ofMinutes(7)); // b's last event was at 6 min: quiet by 16 min, swept by 17.5 min
        assertThat(alerts.events()).endsWith("RESOLVED RepeatedAuthenticationFailures{client=bbbbbbbbbbbbbbbb}");
        assertThat(security.trackedClients()).isZero();
    }

    @Test
    void trackingIsBoundedByResolvingTheLongestQuietClientEarly() {
        security.onSecurityEvent(event("aaaaaaaaaaaaaaaa"));
        security.onSecurityEvent(event("bbbbbbbbbbbbbbbb"));
        security.onSecurityEvent(event("cccccccccccccccc"));

        assertThat(security.trackedClients()).isEqualTo(2);
        assertThat(alerts.events()).contains("RESOLVED RepeatedAuthenticationFailures{client=aaaaaaaaaaaaaaaa}")
                .doesNotContain("RESOLVED RepeatedAuthenticationFailures{client=bbbbbbbbbbbbbbbb}");
    }

    @Test
    void invalidSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> SecurityEventAlerts.builder(alerts.dispatcher()).quietPeriod(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("quietPeriod must be greater than 0, was PT0S");
        assertThatThrownBy(() -> SecurityEventAlerts.builder(alerts.dispatcher()).maxClients(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxClients must be at least 1, was 0");
    }
}
