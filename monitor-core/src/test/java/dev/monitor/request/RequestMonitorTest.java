package dev.monitor.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.monitor.pii.PiiDetector;
import dev.monitor.pii.PiiKind;
import dev.monitor.pii.Scrubber;
import dev.monitor.pii.testing.Leaks;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestMonitorTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final RequestMonitor monitor = RequestMonitor.builder().meterRegistry(registry).clock(clock).build();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void startPutsTheRequestIdIntoTheMdcAndEndRemovesIt() {
        TrackedRequest request = monitor.start("GET", "abc-1", null);
        assertThat(MDC.get(RequestContext.REQUEST_ID_KEY)).isEqualTo("abc-1");
        assertThat(RequestContext.currentRequestId()).isEqualTo("abc-1");

        request.end(200);

        assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys(RequestContext.REQUEST_ID_KEY, RequestContext.USER_ID_KEY);
        assertThat(RequestContext.currentRequestId()).isNull();
    }

    @Test
    void theThreadsCurrentRequestFollowsStartAndEndAlsoOnAThreadThatNeverServedOne() throws Exception {
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try {
            List<String> seen = fresh.submit(() -> {
                List<String> states = new CopyOnWriteArrayList<>();
                states.add(String.valueOf(TrackedRequest.current()));
                TrackedRequest first = monitor.start("GET", "id-1", null);
                states.add(TrackedRequest.current() == first ? "first" : "other");
                first.end(200);
                states.add(String.valueOf(TrackedRequest.current()));
                TrackedRequest second = monitor.start("GET", "id-2", null);
                states.add(TrackedRequest.current() == second ? "second" : "other");
                second.detach(); // handed over, e.g. to async processing
                states.add(String.valueOf(TrackedRequest.current()));
                second.end(200);
                states.add(String.valueOf(TrackedRequest.current()));
                return states;
            }).get(10, TimeUnit.SECONDS);

            assertThat(seen).containsExactly("null", "first", "null", "second", "null", "null");
        } finally {
            fresh.shutdownNow();
        }
    }

    @Test
    void theMdcIsCleanAfterAFailedRequestWithAUser() {
        TrackedRequest request = monitor.start("POST", null, null);
        RequestContext.identifyUser("bob");
        request.failed(new IllegalStateException("boom"));
        request.end(500);

        assertThat(MDC.get(RequestContext.REQUEST_ID_KEY)).isNull();
        assertThat(MDC.get(RequestContext.USER_ID_KEY)).isNull();
        assertThat(RequestContext.identifyUser("bob")).as("no request is tracked any more").isNull();
    }

    @Test
    void theUserIdInTheMdcIsAKeyedHashNeverTheRawIdentifier() {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        RequestMonitor keyed = RequestMonitor.builder().hashKey(key).build();
        RequestMonitor sameKey = RequestMonitor.builder().hashKey(key).build();
        RequestMonitor otherKey = RequestMonitor.builder().build();

        String first = hashOf(keyed, "alice@example.com");
        assertThat(first).matches("[0-9a-f]{16}").doesNotContain("alice");
        assertThat(hashOf(keyed, "alice@example.com")).isEqualTo(first);
        assertThat(hashOf(sameKey, "alice@example.com")).as("same key, same hash").isEqualTo(first);
        assertThat(hashOf(otherKey, "alice@example.com")).as("random key per process").isNotEqualTo(first);
        assertThat(hashOf(keyed, "bob@example.com")).isNotEqualTo(first);
    }

    private static String hashOf(RequestMonitor monitor, String user) {
        TrackedRequest request = monitor.start("GET", null, null);
        String hash = RequestContext.identifyUser(user);
        assertThat(MDC.get(RequestContext.USER_ID_KEY)).isEqualTo(hash);
        request.end(200);
        return hash;
    }

    @Test
    void aUserPseudonymizerNamesUsersLikeTheScrubberDoes() {
        Scrubber scrubber = Scrubber.builder().hmacKey("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8)).build();
        RequestMonitor pseudonymized = RequestMonitor.builder().userPseudonymizer(scrubber::pseudonymize).build();

        String id = hashOf(pseudonymized, "alice@example.com");

        assertThat(id).isEqualTo(scrubber.pseudonymize("alice@example.com")).matches("[0-9a-f]{32}");
    }

    @Test
    void aFailingUserPseudonymizerLeavesTheUserUnidentifiedLogsOnceWithoutTheUserAndTheRequestGoesOn() {
        RequestMonitor throwing = RequestMonitor.builder().userPseudonymizer(user -> {
            throw new IllegalStateException("cannot hash " + user);
        }).build();
        RequestMonitor returningNull = RequestMonitor.builder().userPseudonymizer(user -> null).build();
        RequestMonitor returningBlank = RequestMonitor.builder().userPseudonymizer(user -> " ").build();
        try (LogCapture logs = LogCapture.of(RequestMonitor.class)) {
            for (RequestMonitor failing : List.of(throwing, throwing, returningNull, returningBlank)) {
                TrackedRequest request = failing.start("GET", null, null);
                assertThat(RequestContext.identifyUser("alice@example.com")).isNull();
                assertThat(MDC.get(RequestContext.USER_ID_KEY)).isNull();
                assertThat(request.userId()).isNull();
                request.end(200);
                assertThat(request.isEnded()).isTrue();
            }
            assertThat(logs.messages()).noneMatch(message -> message.contains("alice"));
            assertThat(logs.events().stream().filter(event -> event.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage)).containsExactly(
                    "User pseudonymizer failed (java.lang.IllegalStateException); users are not identified while it fails",
                    "User pseudonymizer failed (returned null); users are not identified while it fails",
                    "User pseudonymizer failed (returned a blank text); users are not identified while it fails");
            assertThat(logs.events()).noneMatch(event -> event.getThrowableProxy() != null);
        }
        assertThatThrownBy(() -> RequestMonitor.builder().userPseudonymizer(null))
                .isInstanceOf(NullPointerException.class).hasMessage("userPseudonymizer");
    }

    @Test
    void theCacheOfUserHashesStaysBoundedUnderManyDistinctUsers() {
        TrackedRequest request = monitor.start("GET", null, null);
        for (int i = 0; i < 25_000; i++) {
            request.identifyUser("user-" + i);
        }
        request.end(200);
        assertThat(monitor.cachedUserHashes()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void metricsAfterAScriptedMixOf2xx4xxAnd5xxMatchTheCountsExactly() {
        run("GET", "/orders/{id}", 200, null, 7);
        run("POST", "/orders", 201, null, 3);
        run("GET", "/orders/{id}", 400, null, 2);
        run("GET", null, 404, null, 4);
        run("DELETE", "/orders/{id}", 500, new IllegalStateException("x"), 2);
        run("GET", "/health", 503, null, 1);

        assertThat(count("GET", "/orders/{id}", "200", "SUCCESS", "none")).isEqualTo(7);
        assertThat(count("POST", "/orders", "201", "SUCCESS", "none")).isEqualTo(3);
        assertThat(count("GET", "/orders/{id}", "400", "CLIENT_ERROR", "none")).isEqualTo(2);
        assertThat(count("GET", "NOT_FOUND", "404", "CLIENT_ERROR", "none")).isEqualTo(4);
        assertThat(count("DELETE", "/orders/{id}", "500", "SERVER_ERROR", "IllegalStateException")).isEqualTo(2);
        assertThat(count("GET", "/health", "503", "SERVER_ERROR", "none")).isEqualTo(1);
        assertThat(registry.get("http.server.requests").timers().stream().mapToLong(Timer::count).sum()).isEqualTo(19);
        assertThat(registry.get("http.server.requests.errors").counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(3);
        assertThat(registry.get("http.server.requests.errors").tags("uri", "/orders/{id}", "exception", "IllegalStateException")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("http.server.requests.in.flight").gauge().value()).isZero();
    }

    @Test
    void withoutTheRequestTimerOnlyTheErrorCounterTheInFlightGaugeAndTheSecurityMetersAreRecorded() {
        SimpleMeterRegistry own = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        RequestMonitor withoutTimer = RequestMonitor.builder().meterRegistry(own).clock(clock).requestTimer(false).build();
        for (int status : new int[] {200, 500, 401}) {
            TrackedRequest request = withoutTimer.start("GET", null, null);
            request.route("/orders/{id}");
            request.clientAddress("203.0.113.7");
            request.end(status);
        }

        assertThat(own.find("http.server.requests").meters()).isEmpty();
        assertThat(own.get("http.server.requests.errors").tags("uri", "/orders/{id}", "status", "500").counter().count())
                .isEqualTo(1);
        assertThat(own.get("http.server.requests.in.flight").gauge().value()).isZero();
        assertThat(own.get("monitor.security.auth.failures").tag("status", "401").counter().count()).isEqualTo(1);
    }

    @Test
    void countingGaugesCarryTheBaseUnitsOfRequestMeters() {
        assertThat(registry.get("http.server.requests.in.flight").gauge().getId().getBaseUnit()).isEqualTo("requests");
        assertThat(registry.get("monitor.security.tracked.clients").gauge().getId().getBaseUnit()).isEqualTo("clients");
    }

    @Test
    void theInFlightGaugeCountsStartedRequestsUntilTheyEnd() {
        TrackedRequest first = monitor.start("GET", null, null);
        first.detach();
        TrackedRequest second = monitor.start("GET", null, null);
        assertThat(registry.get("http.server.requests.in.flight").gauge().value()).isEqualTo(2);
        second.end(200);
        first.end(200);
        assertThat(registry.get("http.server.requests.in.flight").gauge().value()).isZero();
    }

    @Test
    void theTimerRecordsTheDurationBetweenStartAndEnd() {
        TrackedRequest request = monitor.start("GET", null, null);
        request.route("/slowish");
        clock.add(Duration.ofMillis(1_234));
        request.end(200);

        Timer timer = registry.get("http.server.requests").tag("uri", "/slowish").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_234);
    }

    @Test
    void theUriTagIsTheTemplateOrABoundedFallbackNeverTheRawPath() {
        runWithFallback(null, "/api/*", 200);
        runWithFallback(null, "", 200);
        runWithFallback(null, null, 200);
        runWithFallback(null, "/api/*", 302);
        runWithFallback(null, "/api/*", 404);
        runWithFallback("/users/{id}", "/api/*", 404);

        assertThat(uris()).containsExactlyInAnyOrder("/api/*", "root", "UNKNOWN", "REDIRECTION", "NOT_FOUND", "/users/{id}");
    }

    @Test
    void nonStandardMethodsAreTaggedUnknown() {
        run("BREW", "/coffee", 418, null, 1);
        assertThat(registry.get("http.server.requests").tag("uri", "/coffee").timer().getId().getTag("method"))
                .isEqualTo("UNKNOWN");
    }

    @Test
    void metersAreCreatedOncePerTagSetAndReused() {
        run("GET", "/a", 200, null, 1);
        Timer first = registry.get("http.server.requests").tag("uri", "/a").timer();
        int meters = registry.getMeters().size();
        run("GET", "/a", 200, null, 50);
        assertThat(registry.getMeters()).hasSize(meters);
        assertThat(registry.get("http.server.requests").tag("uri", "/a").timer()).isSameAs(first);
        assertThat(first.count()).isEqualTo(51);
    }

    @Test
    void distinctTagSetsAreBoundedAndTheRestIsRecordedAsOther() {
        RequestMonitor bounded = RequestMonitor.builder().meterRegistry(registry).clock(clock).maxTagSets(5).build();
        for (int i = 0; i < 100; i++) {
            TrackedRequest request = bounded.start("GET", null, null);
            request.route("/generated/" + i);
            request.end(200);
        }
        List<Timer> timers = List.copyOf(registry.get("http.server.requests").timers());
        assertThat(timers).hasSize(6);
        assertThat(timers.stream().mapToLong(Timer::count).sum()).isEqualTo(100);
        assertThat(registry.get("http.server.requests").tags("uri", "OTHER", "status", "OTHER", "outcome", "SUCCESS")
                .timer().count()).isEqualTo(95);
    }

    @Test
    void percentilesAndTheHistogramAreConfigurable() {
        SimpleMeterRegistry custom = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        List<DistributionStatisticConfig> configs = new CopyOnWriteArrayList<>();
        custom.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests")) {
                    configs.add(config);
                }
                return config;
            }
        });
        RequestMonitor percentiles = RequestMonitor.builder().meterRegistry(custom).clock(clock)
                .percentiles(0.9).percentileHistogram(true).build();
        TrackedRequest request = percentiles.start("GET", null, null);
        clock.add(Duration.ofMillis(10));
        request.end(200);
        assertThat(custom.get("http.server.requests").timer().takeSnapshot().percentileValues())
                .extracting(p -> p.percentile()).containsExactly(0.9);
        assertThat(configs).singleElement().satisfies(config -> assertThat(config.isPercentileHistogram()).isTrue());

        TrackedRequest plain = monitor.start("GET", null, null);
        plain.end(200);
        assertThat(registry.get("http.server.requests").timer().takeSnapshot().percentileValues())
                .as("defaults: p50, p95, p99").extracting(p -> p.percentile()).containsExactly(0.5, 0.95, 0.99);
    }

    @Test
    void aRequestSlowerThanTwoSecondsIsLoggedWithMethodRouteStatusDurationAndRequestId() {
        try (LogCapture logs = LogCapture.of(RequestMonitor.class)) {
            TrackedRequest fast = monitor.start("GET", "fast-1", null);
            clock.add(Duration.ofMillis(1_999));
            fast.end(200);
            TrackedRequest slow = monitor.start("PUT", "slow-1", null);
            slow.route("/orders/{id}");
            clock.add(Duration.ofMillis(2_345));
            slow.end(204);

            List<ILoggingEvent> events = logs.events();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getLevel()).isEqualTo(Level.WARN);
            assertThat(events.get(0).getFormattedMessage())
                    .isEqualTo("Slow request: PUT /orders/{id} -> 204 in 2345 ms");
            // the request ID is in the MDC only, so a pattern showing the MDC prints it once
            assertThat(events.get(0).getMDCPropertyMap()).containsEntry(RequestContext.REQUEST_ID_KEY, "slow-1");
            assertThat(events.get(0).getKeyValuePairs()).singleElement()
                    .satisfies(pair -> assertThat(pair.key).isEqualTo("duration_ms"))
                    .satisfies(pair -> assertThat(pair.value).isEqualTo(2345L));
        }
    }

    @Test
    void theSlowRequestThresholdIsConfigurable() {
        RequestMonitor strict = RequestMonitor.builder().clock(clock).slowRequestThreshold(Duration.ofMillis(100)).build();
        try (LogCapture logs = LogCapture.of(RequestMonitor.class)) {
            TrackedRequest request = strict.start("GET", null, null);
            clock.add(Duration.ofMillis(101));
            request.end(200);
            assertThat(logs.messages()).singleElement().asString().startsWith("Slow request: GET UNKNOWN -> 200 in 101 ms");
        }
    }

    @Test
    void anUnhandledExceptionIsLoggedWithTheRequestContextButNoRawAddress() {
        try (LogCapture logs = LogCapture.of(RequestMonitor.class)) {
            TrackedRequest request = monitor.start("GET", "err-1", null);
            request.identifyUser("carol");
            request.route("/orders/{id}");
            request.failed(new IllegalStateException("boom"));
            request.clientAddress("203.0.113.9");
            request.end(500);

            ILoggingEvent event = logs.events().get(0);
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage())
                    .startsWith("Unhandled exception in GET /orders/{id} -> 500 (client=")
                    .doesNotContain("203.0.113.9").doesNotContain("carol").doesNotContain("request_id");
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
            // the request ID and the user's pseudonym are in the MDC only, so a pattern showing the MDC prints them once
            assertThat(event.getMDCPropertyMap()).containsEntry(RequestContext.REQUEST_ID_KEY, "err-1")
                    .containsEntry(RequestContext.USER_ID_KEY, request.userId());
        }
    }

    @Test
    void inProductionModeTheErrorBodyHidesTheExceptionText() throws Exception {
        ErrorBody body = monitor.internalError(new IllegalStateException("password=hunter2 at db-7"), "req-9");
        JsonNode json = JsonMapper.builder().build().readTree(body.toJson());

        assertThat(json.properties()).extracting(Map.Entry::getKey).containsExactly("error");
        JsonNode error = json.get("error");
        assertThat(error.get("code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.get("message").asString()).isEqualTo("Internal server error");
        assertThat(error.get("request_id").asString()).isEqualTo("req-9");
        assertThat(Instant.parse(error.get("timestamp").asString())).isEqualTo(Instant.ofEpochMilli(clock.wallTime()));
        assertThat(new String(body.toJson(), StandardCharsets.UTF_8)).doesNotContain("hunter2").doesNotContain("IllegalState");
    }

    @Test
    void theErrorBodyOfAStatusHasAStableCodeAFixedMessageTheRequestIdAndTheMonitorsTime() throws Exception {
        Map<Integer, String> codes = Map.of(400, "BAD_REQUEST", 401, "UNAUTHORIZED", 403, "FORBIDDEN", 404, "NOT_FOUND",
                405, "METHOD_NOT_ALLOWED", 418, "CLIENT_ERROR", 500, "INTERNAL_ERROR", 503, "SERVICE_UNAVAILABLE",
                599, "SERVER_ERROR");
        for (Map.Entry<Integer, String> code : codes.entrySet()) {
            ErrorBody body = monitor.errorBody(code.getKey(), "req-" + code.getKey());
            JsonNode error = JsonMapper.builder().build().readTree(body.toJson()).get("error");
            assertThat(error.get("code").asString()).as("status %s", code.getKey()).isEqualTo(code.getValue());
            assertThat(error.get("message").asString()).as("status %s", code.getKey()).isNotBlank();
            assertThat(error.get("request_id").asString()).isEqualTo("req-" + code.getKey());
            assertThat(Instant.parse(error.get("timestamp").asString())).isEqualTo(Instant.ofEpochMilli(clock.wallTime()));
        }
        assertThat(monitor.errorBody(500, "r").message()).isEqualTo(RequestMonitor.HIDDEN_MESSAGE);
        assertThat(monitor.errorBody(404, "r").message()).isEqualTo("Not found");
    }

    @Test
    void inDevelopmentModeTheErrorBodyShowsTheFirstLineOfTheMessageThroughTheScrubber() {
        RequestMonitor development = RequestMonitor.builder().developmentMode(true)
                .scrubber(Scrubber.builder().detector(PiiKind.of("filtered"),
                        PiiDetector.regex("hunter2", Pattern.compile("hunter2"))).build()).build();
        ErrorBody body = development.internalError(
                new IllegalStateException("password hunter2 rejected\n\tat com.example.Secret.line(Secret.java:1)"), "r");
        assertThat(body.message()).isEqualTo("IllegalStateException: password [filtered] rejected");
    }

    @Test
    void withoutAScrubberDevelopmentModeShowsTheMessageAndProductionHidesIt() {
        RequestMonitor development = RequestMonitor.builder().developmentMode(true).build();
        assertThat(development.internalError(new RuntimeException("detail"), "r").message()).isEqualTo("RuntimeException: detail");
        assertThat(RequestMonitor.builder().build().internalError(new RuntimeException("detail"), "r").message())
                .isEqualTo(RequestMonitor.HIDDEN_MESSAGE);
    }

    @Test
    void aFailingScrubberWithholdsTheMessage() {
        RequestMonitor throwing = RequestMonitor.builder().developmentMode(true).scrubber(Scrubber.builder()
                .detector(PiiKind.of("broken"), (text, matches) -> {
                    throw new IllegalStateException("scrubber broke");
                }).build()).build();

        assertThat(throwing.internalError(new RuntimeException("secret"), "r").message()).isEqualTo("[scrub_error]");
    }

    @Test
    void errorBodiesEscapeJsonAndBoundTheMessage() throws Exception {
        RequestMonitor development = RequestMonitor.builder().developmentMode(true).build();
        ErrorBody body = development.internalError(new RuntimeException("quote \" backslash \\ " + "x".repeat(500)), "r");
        JsonNode json = JsonMapper.builder().build().readTree(body.toJson());
        assertThat(json.get("error").get("message").asString()).startsWith("RuntimeException: quote \" backslash \\ ").hasSize(200);
    }

    @Test
    void endTwiceRecordsOnce() {
        TrackedRequest request = monitor.start("GET", null, null);
        request.end(200);
        request.end(500);
        assertThat(registry.get("http.server.requests").timers()).singleElement()
                .satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
        assertThat(request.isEnded()).isTrue();
    }

    @Test
    void anAsynchronousRequestEndsOnAnotherThreadWithTheRequestIdInItsLogsAndLeavesThatThreadsMdcAsItWas()
            throws Exception {
        RequestMonitor strict = RequestMonitor.builder().meterRegistry(registry).clock(clock)
                .slowRequestThreshold(Duration.ofMillis(1)).build();
        ExecutorService completer = Executors.newSingleThreadExecutor();
        try (LogCapture logs = LogCapture.of(RequestMonitor.class)) {
            completer.submit(() -> MDC.put("tenant", "t1")).get();
            TrackedRequest request = strict.start("GET", "async-1", null);
            request.detach();
            assertThat(MDC.get(RequestContext.REQUEST_ID_KEY)).isNull();
            clock.add(Duration.ofSeconds(3));

            Map<String, String> after = completer.submit(() -> {
                request.end(202);
                return MDC.getCopyOfContextMap();
            }).get(5, TimeUnit.SECONDS);

            assertThat(after).containsExactly(Map.entry("tenant", "t1"));
            assertThat(logs.events()).singleElement().satisfies(event ->
                    assertThat(event.getMDCPropertyMap()).containsEntry(RequestContext.REQUEST_ID_KEY, "async-1"));
            assertThat(registry.get("http.server.requests").tag("status", "202").timer().count()).isEqualTo(1);
        } finally {
            completer.shutdownNow();
        }
    }

    @Test
    void aReDispatchOnAnotherThreadCarriesTheRequestIdUntilDetached() throws Exception {
        TrackedRequest request = monitor.start("GET", "redispatch-1", null);
        request.identifyUser("dave");
        request.detach();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Map<String, String> during = other.submit(() -> {
                assertThat(request.attach()).isTrue();
                assertThat(request.attach()).as("already attached").isFalse();
                Map<String, String> copy = MDC.getCopyOfContextMap();
                request.detach();
                return copy;
            }).get();
            assertThat(during).containsEntry(RequestContext.REQUEST_ID_KEY, "redispatch-1")
                    .containsEntry(RequestContext.USER_ID_KEY, request.userId());
            assertThat(other.submit(() -> MDC.getCopyOfContextMap()).get()).isNullOrEmpty();
        } finally {
            other.shutdownNow();
            request.end(200);
        }
    }

    @Test
    void builderRejectsBadSettingsWithMessagesNamingThem() {
        assertThatThrownBy(() -> RequestMonitor.builder().slowRequestThreshold(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slowRequestThreshold must be greater than 0, was PT0S");
        assertThatThrownBy(() -> RequestMonitor.builder().maxTagSets(0))
                .hasMessage("maxTagSets must be at least 1, was 0");
        assertThatThrownBy(() -> RequestMonitor.builder().percentiles(0.5, 1.5))
                .hasMessage("percentiles must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> RequestMonitor.builder().percentiles(Double.NaN))
                .hasMessage("percentiles must be between 0 and 1, was NaN");
        assertThatThrownBy(() -> RequestMonitor.builder().hashKey(new byte[8]))
                .hasMessage("hashKey must be at least 16 bytes, was 8; use 32 random bytes");
        assertThatThrownBy(() -> RequestMonitor.builder().authFailureThreshold(0))
                .hasMessage("authFailureThreshold must be at least 1, was 0");
        assertThatThrownBy(() -> RequestMonitor.builder().authFailureWindow(Duration.ofNanos(10)))
                .hasMessage("authFailureWindow must be at least PT0.001S, was PT0.00000001S");
        assertThatThrownBy(() -> RequestMonitor.builder().maxTrackedClients(-1))
                .hasMessage("maxTrackedClients must be at least 1, was -1");
        assertThatThrownBy(() -> RequestMonitor.builder().meterRegistry(null))
                .isInstanceOf(NullPointerException.class).hasMessage("meterRegistry");
        assertThatThrownBy(() -> monitor.start(null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("method");
    }

    @Test
    void anErrorMessageIsCutOnlyAfterScrubbing() {
        long seed = 200_2026L;
        PiiSamples samples = new PiiSamples(new java.util.Random(seed));
        RequestMonitor development = RequestMonitor.builder().developmentMode(true).build();
        String prefix = "RuntimeException: ";
        int limit = 200;
        int cases = 0;
        for (int value = 0; value < 2 * PiiSamples.families().size(); value++) {
            Plant planted = samples.nth(value);
            for (int start : PiiSamples.positionsAround(limit, planted.text().length())) {
                String message = PiiSamples.placed(planted, Math.max(0, start - prefix.length()), limit + 40);
                String shown = development.internalError(new RuntimeException(message), "r").message();
                String context = "seed " + seed + " case " + cases;
                assertThat(shown.length()).as(context).isLessThanOrEqualTo(limit);
                assertThat(Leaks.find(shown, planted)).as(context).isEmpty();
                cases++;
            }
        }
        System.out.println("anErrorMessageIsCutOnlyAfterScrubbing: " + cases + " cases, seed " + seed);
    }

    @Test
    void aPseudonymizerReturningTheUserItselfIsStillScrubbed() {
        RequestMonitor careless = RequestMonitor.builder().userPseudonymizer(user -> user).build();
        TrackedRequest request = careless.start("GET", "u-1", null);
        try {
            assertThat(request.identifyUser("alice.smith@example.com")).isEqualTo("a***@example.com");
            assertThat(MDC.get(RequestContext.USER_ID_KEY)).isEqualTo("a***@example.com");
            assertThat(request.userId()).isEqualTo("a***@example.com");
        } finally {
            request.end(200);
        }
    }

    @Test
    void aRouteHoldingPersonalDataIsScrubbedInLogLinesSecurityEventsAndTheUriTag() {
        List<SecurityEvent> events = new CopyOnWriteArrayList<>();
        monitor.addSecurityEventListener(events::add);
        String route = "/users/john.doe@example.com/cards/4111 1111 1111 1111";
        try (LogCapture logs = LogCapture.of(RequestMonitor.class)) {
            for (int i = 0; i < RequestMonitor.DEFAULT_AUTH_FAILURE_THRESHOLD + 1; i++) {
                TrackedRequest request = monitor.start("POST", "sec-" + i, null);
                request.route(route);
                request.clientAddress("203.0.113.7");
                clock.add(Duration.ofSeconds(3)); // slow as well
                request.end(401);
            }
            String logged = String.join("\n", logs.messages());
            assertThat(logged).contains("/users/j***@example.com/cards/[payment_card]").doesNotContain("john.doe", "4111");
        }
        assertThat(events).singleElement().satisfies(event ->
                assertThat(event.route()).isEqualTo("/users/j***@example.com/cards/[payment_card]"));
        assertThat(registry.get("http.server.requests").timer().getId().getTag("uri"))
                .isEqualTo("/users/j***@example.com/cards/[payment_card]");
    }

    @Test
    void everyRequestDurationPastItsBoundIsRefusedNamingIt() {
        assertThatThrownBy(() -> RequestMonitor.builder().slowRequestThreshold(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slowRequestThreshold must be at most PT1H (1 hour), was PT2H");
        assertThatThrownBy(() -> RequestMonitor.builder().slowRequestThreshold(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("slowRequestThreshold must be at most PT1H");
        assertThatThrownBy(() -> RequestMonitor.builder().authFailureWindow(Duration.ofDays(367)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("authFailureWindow must be at most PT8784H, was PT8808H");
    }

    private void run(String method, String route, int status, Throwable failure, int times) {
        for (int i = 0; i < times; i++) {
            TrackedRequest request = monitor.start(method, null, null);
            request.route(route);
            if (failure != null) {
                request.failed(failure);
            }
            request.end(status);
        }
    }

    private void runWithFallback(String template, String fallback, int status) {
        TrackedRequest request = monitor.start("GET", null, null);
        request.route(template);
        request.fallbackRoute(fallback);
        request.end(status);
    }

    private long count(String method, String uri, String status, String outcome, String exception) {
        return registry.get("http.server.requests")
                .tags("method", method, "uri", uri, "status", status, "outcome", outcome, "exception", exception)
                .timer().count();
    }

    private List<String> uris() {
        return registry.get("http.server.requests").timers().stream().map(Meter::getId).map(id -> id.getTag("uri"))
                .collect(Collectors.toList());
    }
}
