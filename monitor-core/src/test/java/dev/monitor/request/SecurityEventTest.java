package dev.monitor.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class SecurityEventTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final RequestMonitor monitor = RequestMonitor.builder().meterRegistry(registry).clock(clock).build();
    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    SecurityEventTest() {
        monitor.addSecurityEventListener(events::add);
    }

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void elevenFailedLoginsInAMinuteFromOneClientEmitOneSecurityEvent() {
        for (int i = 0; i < 11; i++) {
            fail("198.51.100.7", 401);
            clock.add(Duration.ofSeconds(5));
        }
        assertThat(events).hasSize(1);
        SecurityEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(SecurityEvent.Type.REPEATED_AUTHENTICATION_FAILURES);
        assertThat(event.failures()).isEqualTo(11);
        assertThat(event.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(event.route()).isEqualTo("/login");
        assertThat(event.clientHash()).matches("[0-9a-f]{16}").doesNotContain("198.51.100.7");
        assertThat(registry.get("monitor.security.events").counter().count()).isEqualTo(1);
        assertThat(registry.get("monitor.security.auth.failures").tag("status", "401").counter().count()).isEqualTo(11);
    }

    @Test
    void tenFailedLoginsInAMinuteDoNotEmit() {
        for (int i = 0; i < 10; i++) {
            fail("198.51.100.7", 401);
        }
        assertThat(events).isEmpty();
    }

    @Test
    void elevenFailuresSpreadOverAFullMinuteDoNotEmitBecauseTheWindowSlides() {
        for (int i = 0; i < 10; i++) {
            fail("198.51.100.7", 401); // t = 0, 6, ..., 54 s
            clock.add(Duration.ofSeconds(6));
        }
        fail("198.51.100.7", 401); // t = 60 s: the first failure has just left the window
        assertThat(events).isEmpty();
        fail("198.51.100.7", 401); // t = 60 s again: 11 failures within t = 6..60 s
        assertThat(events).hasSize(1);
    }

    @Test
    void aSustainedAttackEmitsOneEventPerWindowNotOnePerFailure() {
        for (int i = 0; i < 40; i++) {
            fail("198.51.100.7", 403);
            clock.add(Duration.ofSeconds(1));
        }
        assertThat(events).hasSize(1);
        clock.add(Duration.ofSeconds(30));
        for (int i = 0; i < 11; i++) {
            fail("198.51.100.7", 403);
        }
        assertThat(events).hasSize(2);
        assertThat(events.get(1).clientHash()).isEqualTo(events.get(0).clientHash());
    }

    @Test
    void failuresOfDifferentClientsAreCountedApartAndSuccessesAreNotCounted() {
        for (int i = 0; i < 10; i++) {
            fail("198.51.100.7", 401);
            fail("198.51.100.8", 401);
            fail("198.51.100.9", 200);
            fail("198.51.100.9", 404);
        }
        assertThat(events).isEmpty();
        fail("198.51.100.8", 403);
        assertThat(events).singleElement().satisfies(event -> assertThat(event.failures()).isEqualTo(11));
    }

    @Test
    void thresholdAndWindowAreConfigurable() {
        RequestMonitor strict = RequestMonitor.builder().clock(clock).authFailureThreshold(2)
                .authFailureWindow(Duration.ofSeconds(10)).build();
        strict.addSecurityEventListener(events::add);
        for (int i = 0; i < 3; i++) {
            fail(strict, "198.51.100.7", 401);
        }
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.failures()).isEqualTo(3);
            assertThat(event.window()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void hundredThousandDistinctClientsDoNotGrowMemoryWithoutBound() {
        for (int i = 0; i < 100_000; i++) {
            fail("10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF), 401);
        }
        assertThat(monitor.trackedClients()).isEqualTo(RequestMonitor.DEFAULT_MAX_TRACKED_CLIENTS);
        assertThat(registry.get("monitor.security.tracked.clients").gauge().value())
                .isEqualTo(RequestMonitor.DEFAULT_MAX_TRACKED_CLIENTS);
        assertThat(events).isEmpty();
    }

    @Test
    void anAttackerIsStillDetectedWhileManyOtherClientsFailOnceEach() {
        RequestMonitor small = RequestMonitor.builder().clock(clock).maxTrackedClients(100).build();
        small.addSecurityEventListener(events::add);
        for (int i = 0; i < 11; i++) {
            fail(small, "198.51.100.66", 401);
            for (int j = 0; j < 50; j++) {
                fail(small, "10.0." + i + "." + j, 401); // fewer new clients than the bound between two attacks
            }
        }
        assertThat(small.trackedClients()).isEqualTo(100);
        assertThat(events).hasSize(1);
    }

    @Test
    void aFailingListenerDoesNotBreakTheRequestOrOtherListeners() {
        RequestMonitor failing = RequestMonitor.builder().clock(clock).authFailureThreshold(1).build();
        failing.addSecurityEventListener(event -> {
            throw new IllegalStateException("listener broke");
        });
        failing.addSecurityEventListener(events::add);
        fail(failing, "198.51.100.7", 401);
        fail(failing, "198.51.100.7", 401);
        assertThat(events).hasSize(1);
        assertThat(MDC.get(RequestContext.REQUEST_ID_KEY)).isNull();
    }

    @Test
    void theSecurityEventLogLineCarriesTheHashNotTheAddress() {
        try (LogCapture logs = LogCapture.of(RequestMonitor.class)) {
            for (int i = 0; i < 11; i++) {
                fail("198.51.100.7", 401);
            }
            assertThat(logs.messages()).singleElement().asString()
                    .startsWith("Security event REPEATED_AUTHENTICATION_FAILURES: 11 failed authentications within 60 s from client "
                            + events.get(0).clientHash())
                    .doesNotContain("198.51.100.7");
        }
    }

    private void fail(String address, int status) {
        fail(monitor, address, status);
    }

    private static void fail(RequestMonitor target, String address, int status) {
        TrackedRequest request = target.start("POST", null, null);
        request.route("/login");
        if (request.needsClientAddress(status)) {
            request.clientAddress(address);
        }
        request.end(status);
    }
}
