package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.pii.PiiKind;
import dev.monitor.pii.RedactionMode;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {

    private final List<HealthRegistry> registries = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeRegistries() {
        release.countDown();
        registries.forEach(HealthRegistry::close);
    }

    private HealthRegistry registry() {
        return track(HealthRegistry.builder().service(new ServiceInfo("orders", "1.4.2", "test")));
    }

    private HealthRegistry track(HealthRegistry.Builder builder) {
        HealthRegistry registry = builder.build();
        registries.add(registry);
        return registry;
    }

    /** A check that ignores interrupts and returns only when the test ends. */
    private HealthCheck neverReturns(AtomicInteger runs) {
        return () -> {
            runs.incrementAndGet();
            while (true) {
                try {
                    if (release.await(1, TimeUnit.MINUTES)) {
                        return HealthResult.pass();
                    }
                } catch (InterruptedException ignored) {
                    // a badly behaved check: keeps its thread
                }
            }
        };
    }

    // That ten slow checks take about one check's latency rather than the sum is measured, not asserted here:
    // HealthReportBenchmark (monitor-benchmarks) runs ten 50 ms checks against the sequential loop. What a unit
    // test can prove without a stopwatch is the cause: the checks of one report run at the same time.

    @Test
    void checksOfOneReportRunAtTheSameTime() {
        // Deterministic proof of parallelism: each check waits until all ten are running. The deadlines are hang
        // guards only: run one at a time, the checks would break the barrier after 60 s and fail.
        HealthRegistry registry = track(HealthRegistry.builder().service(new ServiceInfo("orders", "1.4.2", "test"))
                .reportTimeout(Duration.ofMinutes(2)));
        CyclicBarrier allRunning = new CyclicBarrier(10);
        for (int i = 0; i < 10; i++) {
            registry.register("parallel-" + i, () -> {
                allRunning.await(60, TimeUnit.SECONDS);
                return HealthResult.pass();
            }, CheckOptions.builder().timeout(Duration.ofMinutes(2)).build());
        }
        HealthReport report = registry.report();

        assertThat(report.checks().values()).allSatisfy(check -> assertThat(check.status()).isEqualTo(CheckStatus.PASS));
    }

    @Test
    void checkThatNeverReturnsIsReportedFailedWithItsTimeoutAndTheReportArrivesWithinTheTimeout() {
        HealthRegistry registry = registry();
        AtomicInteger runs = new AtomicInteger();
        registry.register("hung", neverReturns(runs), CheckOptions.builder().timeout(Duration.ofMillis(200)).build());

        // The check returns only when the test ends: a report at all means it did not wait for the check, and
        // the error says the check's own 200 ms deadline answered, not the report's 2 s one (both run on one
        // timer thread in deadline order, so a busy machine can delay the answer but not change it).
        HealthReport report = registry.report();

        CheckReport hung = report.checks().get("hung");
        assertThat(hung.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(hung.error()).isEqualTo("timed out after 200 ms");
        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void repeatedRequestsToAHungCheckDoNotStartMoreRunsOrThreads() {
        HealthRegistry registry = registry();
        AtomicInteger runs = new AtomicInteger();
        registry.register("hung", neverReturns(runs),
                CheckOptions.builder().timeout(Duration.ofMillis(100)).cacheTtl(Duration.ZERO).build());

        for (int i = 0; i < 30; i++) {
            HealthReport report = registry.report();
            assertThat(report.checks().get("hung").status()).isEqualTo(CheckStatus.FAIL);
        }

        assertThat(runs.get()).isEqualTo(1);
        // the hung run keeps its own thread but gave its slot back when it was abandoned
        assertThat(registry.executor().threadCount()).isEqualTo(1);
        assertThat(registry.executor().peakThreadCount()).isEqualTo(1);
        assertThat(registry.executor().slotsInUse()).isZero();
    }

    @Test
    void hundredConcurrentRequestsWithinTheCacheTtlRunEachCheckOnce() throws Exception {
        AtomicInteger databaseRuns = new AtomicInteger();
        AtomicInteger cacheRuns = new AtomicInteger();
        // generous deadlines (hang guards only) and a TTL no busy machine outlasts
        HealthRegistry registry = track(HealthRegistry.builder().service(new ServiceInfo("orders", "1.4.2", "test"))
                .reportTimeout(Duration.ofMinutes(2)));
        CheckOptions cached = CheckOptions.builder().cacheTtl(Duration.ofHours(1)).timeout(Duration.ofMinutes(2)).build();
        CountDownLatch allCalling = new CountDownLatch(100);
        registry.register("database", () -> {
            databaseRuns.incrementAndGet();
            allCalling.await(60, TimeUnit.SECONDS); // in flight until every caller has asked: they share this run
            return HealthResult.pass();
        }, cached);
        registry.register("cache", () -> {
            cacheRuns.incrementAndGet();
            return HealthResult.pass();
        }, cached);

        ExecutorService callers = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HealthReport>> reports = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                reports.add(callers.submit(() -> {
                    start.await();
                    allCalling.countDown();
                    return registry.report();
                }));
            }
            start.countDown();
            for (Future<HealthReport> report : reports) {
                assertThat(report.get(2, TimeUnit.MINUTES).status()).isEqualTo(HealthStatus.HEALTHY);
            }
        } finally {
            callers.shutdownNow();
        }

        assertThat(databaseRuns.get()).isEqualTo(1);
        assertThat(cacheRuns.get()).isEqualTo(1);
    }

    @Test
    void resultIsReusedWithinTheTtlAndRefreshedAfterIt() {
        ManualTicker ticker = new ManualTicker();
        HealthRegistry registry = track(HealthRegistry.builder().service(new ServiceInfo("orders", "1.4.2", "test"))
                .ticker(ticker));
        AtomicInteger runs = new AtomicInteger();
        registry.register("counted", () -> {
            runs.incrementAndGet();
            return HealthResult.pass();
        }, CheckOptions.builder().cacheTtl(Duration.ofMillis(150)).build());

        registry.report();
        registry.report();
        assertThat(runs.get()).isEqualTo(1);
        ticker.advance(Duration.ofMillis(149));
        registry.report();
        assertThat(runs.get()).isEqualTo(1);
        ticker.advance(Duration.ofMillis(1));
        registry.report();
        assertThat(runs.get()).isEqualTo(2);
        registry.report();
        assertThat(runs.get()).isEqualTo(2); // the new result is cached again from its own completion
    }

    @Test
    void uptimeAndResponseTimeFollowTheRegistrysTicker() {
        ManualTicker ticker = new ManualTicker();
        HealthRegistry registry = track(HealthRegistry.builder().service(new ServiceInfo("orders", "1.4.2", "test"))
                .ticker(ticker));
        registry.register("timed", () -> {
            ticker.advance(Duration.ofMillis(42));
            return HealthResult.pass();
        });
        ticker.advance(Duration.ofSeconds(90));

        HealthReport report = registry.report();

        assertThat(report.uptime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(report.checks().get("timed").responseTime()).isEqualTo(Duration.ofMillis(42));
    }

    @Test
    void tickerIsRequired() {
        assertThatThrownBy(() -> HealthRegistry.builder().ticker(null))
                .isInstanceOf(NullPointerException.class).hasMessage("ticker");
    }

    /** A ticker the test advances by hand. */
    private static final class ManualTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong(1_000);

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    @Test
    void nonCriticalFailureMakesTheReportDegradedAndCriticalFailureUnhealthy() {
        HealthRegistry registry = registry();
        registry.register("database", HealthResult::pass);
        registry.register("stripe", () -> HealthResult.fail("no answer"), CheckOptions.builder().critical(false).build());

        HealthReport degraded = registry.report();
        assertThat(degraded.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(degraded.status().httpStatus()).isEqualTo(200);

        registry.register("payments-db", () -> {
            throw new IllegalStateException("connection refused");
        });
        HealthReport unhealthy = registry.report();
        assertThat(unhealthy.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(unhealthy.status().httpStatus()).isEqualTo(503);
        assertThat(unhealthy.checks().get("payments-db").error()).isEqualTo("IllegalStateException: connection refused");
    }

    @Test
    void warningMakesTheReportDegraded() {
        HealthRegistry registry = registry();
        registry.register("disk", () -> HealthResult.warn("85% used"));
        assertThat(registry.report().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void withFailureThreshold3TwoConsecutiveFailuresStillReportPassAndTheThirdFails() {
        HealthRegistry registry = registry();
        AtomicInteger runs = new AtomicInteger();
        List<HealthTransition> transitions = new CopyOnWriteArrayList<>();
        registry.addTransitionListener(transitions::add);
        registry.register("flaky", () -> runs.incrementAndGet() == 1 ? HealthResult.pass() : HealthResult.fail("down"),
                CheckOptions.builder().failureThreshold(3).successThreshold(2).cacheTtl(Duration.ZERO).build());

        assertThat(registry.report().checks().get("flaky").status()).isEqualTo(CheckStatus.PASS); // pass
        CheckReport firstFailure = registry.report().checks().get("flaky");
        assertThat(firstFailure.status()).isEqualTo(CheckStatus.PASS);
        assertThat(firstFailure.details()).containsEntry("consecutive_failures", 1);
        CheckReport secondFailure = registry.report().checks().get("flaky");
        assertThat(secondFailure.status()).isEqualTo(CheckStatus.PASS);
        assertThat(secondFailure.details()).containsEntry("consecutive_failures", 2);
        assertThat(transitions).isEmpty();

        CheckReport third = registry.report().checks().get("flaky");
        assertThat(third.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(third.error()).isEqualTo("down");
        assertThat(transitions).singleElement().satisfies(transition -> {
            assertThat(transition.check()).isEqualTo("flaky");
            assertThat(transition.from()).isEqualTo(CheckStatus.PASS);
            assertThat(transition.to()).isEqualTo(CheckStatus.FAIL);
        });
    }

    @Test
    void withSuccessThreshold2AFailingCheckNeedsTwoPassesToRecover() {
        HealthRegistry registry = registry();
        AtomicInteger runs = new AtomicInteger();
        List<HealthTransition> transitions = new CopyOnWriteArrayList<>();
        registry.addTransitionListener(transitions::add);
        registry.register("recovering", () -> runs.incrementAndGet() == 1 ? HealthResult.fail("down") : HealthResult.pass(),
                CheckOptions.builder().successThreshold(2).cacheTtl(Duration.ZERO).build());

        assertThat(registry.report().checks().get("recovering").status()).isEqualTo(CheckStatus.FAIL);
        CheckReport onePass = registry.report().checks().get("recovering");
        assertThat(onePass.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(onePass.details()).containsEntry("consecutive_successes", 1);
        assertThat(registry.report().checks().get("recovering").status()).isEqualTo(CheckStatus.PASS);
        assertThat(transitions).extracting(HealthTransition::to).containsExactly(CheckStatus.FAIL, CheckStatus.PASS);
    }

    @Test
    void aHungCheckKeepsCountingFailuresSoItsThresholdIsReached() {
        HealthRegistry registry = registry();
        AtomicInteger runs = new AtomicInteger();
        registry.register("hung", neverReturns(runs), CheckOptions.builder().timeout(Duration.ofMillis(50))
                .cacheTtl(Duration.ZERO).failureThreshold(3).build());

        assertThat(registry.report().checks().get("hung").status()).isEqualTo(CheckStatus.PASS);
        assertThat(registry.report().checks().get("hung").status()).isEqualTo(CheckStatus.PASS);
        CheckReport third = registry.report().checks().get("hung");
        assertThat(third.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(third.error()).startsWith("timed out: previous run still in progress after");
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void reportDeadlineCapsChecksWithLongerTimeouts() throws InterruptedException {
        HealthRegistry registry = track(HealthRegistry.builder().reportTimeout(Duration.ofMillis(300)));
        AtomicInteger runs = new AtomicInteger();
        // "fast" has its result already (cached for an hour), so a busy machine cannot make it miss the deadline
        registry.register("fast", HealthResult::pass, CheckOptions.builder().cacheTtl(Duration.ofHours(1))
                .timeout(Duration.ofMinutes(2)).build());
        awaitStatus(registry, "fast", CheckStatus.PASS);
        registry.register("slow", neverReturns(runs), CheckOptions.builder().timeout(Duration.ofSeconds(30)).build());

        // "slow" returns only when the test ends and its own timeout is 30 s: the report arrives, and says the
        // report's 300 ms deadline answered for it
        HealthReport report = registry.report();

        assertThat(report.checks().get("slow").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.checks().get("slow").error()).isEqualTo("timed out: report deadline of 300 ms reached");
        assertThat(report.checks().get("fast").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void saturatedExecutorFailsTheChecksItCannotRunInsteadOfQueueingWithoutBound() {
        HealthRegistry registry = track(HealthRegistry.builder().maxConcurrentChecks(1).queueCapacity(1));
        AtomicInteger runs = new AtomicInteger();
        CheckOptions quick = CheckOptions.builder().timeout(Duration.ofMillis(100)).build();
        registry.register("a-hung", neverReturns(runs), quick);
        registry.register("b-waiting", HealthResult::pass, quick);
        registry.register("c-rejected", HealthResult::pass, quick);

        HealthReport report = registry.report();

        assertThat(report.checks().get("a-hung").error()).isEqualTo("timed out after 100 ms");
        assertThat(report.checks().get("c-rejected").error()).isEqualTo("health executor saturated; check not run");
    }

    @Test
    void startupGroupIsUnhealthyUntilTheApplicationMarksItselfStarted() {
        HealthRegistry registry = registry();
        HealthReport before = registry.report(HealthGroup.STARTUP);
        assertThat(before.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(before.notes()).containsExactly("startup not complete");

        registry.markStarted();
        assertThat(registry.report(HealthGroup.STARTUP).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void emptyGroupIsHealthyAndGroupsSelectTheirChecks() {
        HealthRegistry registry = registry();
        assertThat(registry.report(HealthGroup.LIVE).status()).isEqualTo(HealthStatus.HEALTHY);

        registry.register("deadlocks", HealthResult::pass, CheckOptions.builder().groups(HealthGroup.LIVE).build());
        registry.register("database", () -> HealthResult.fail("down"));
        registry.register("search", HealthResult::pass, CheckOptions.builder().groups("ready", "search-tier").build());

        assertThat(registry.report(HealthGroup.LIVE).checks()).containsOnlyKeys("deadlocks");
        assertThat(registry.report(HealthGroup.LIVE).status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(registry.report(HealthGroup.READY).checks()).containsOnlyKeys("database", "search");
        assertThat(registry.report(HealthGroup.of("search-tier")).checks()).containsOnlyKeys("search");
        assertThat(registry.report().checks()).containsOnlyKeys("database", "deadlocks", "search");
        assertThat(registry.groups()).contains(HealthGroup.of("search-tier"));
    }

    @Test
    void readinessFailsWhileShuttingDownSoTrafficDrains() {
        HealthRegistry registry = registry();
        registry.register("database", HealthResult::pass);
        registry.markShuttingDown();
        HealthReport ready = registry.report(HealthGroup.READY);
        assertThat(ready.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(ready.notes()).containsExactly("shutting down");
        assertThat(registry.report(HealthGroup.LIVE).status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void backgroundCheckReportsItsInitialStatusThenItsLatestResultWithoutRunningOnRequest() throws Exception {
        HealthRegistry registry = registry();
        CountDownLatch firstRun = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        registry.register("queue", () -> {
            firstRun.await();
            runs.incrementAndGet();
            ran.countDown();
            return HealthResult.warn("backlog 900");
            // the run waits for the test: its deadline is a hang guard, not something a busy machine can reach
        }, CheckOptions.builder().background(Duration.ofHours(1)).initialStatus(CheckStatus.FAIL)
                .timeout(Duration.ofMinutes(2)).build());

        CheckReport initial = registry.report().checks().get("queue");
        assertThat(initial.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(initial.error()).isEqualTo("not checked yet");

        firstRun.countDown();
        assertThat(ran.await(60, TimeUnit.SECONDS)).isTrue();
        awaitStatus(registry, "queue", CheckStatus.WARN);
        for (int i = 0; i < 5; i++) {
            registry.report();
        }
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void backgroundResultOlderThanStaleAfterIsReportedFailed() throws Exception {
        ManualTicker ticker = new ManualTicker();
        HealthRegistry registry = track(HealthRegistry.builder().service(new ServiceInfo("orders", "1.4.2", "test"))
                .ticker(ticker));
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch secondRunStarted = new CountDownLatch(1);
        registry.register("stuck", () -> {
            if (runs.incrementAndGet() > 1) {
                secondRunStarted.countDown();
                release.await();
            }
            return HealthResult.pass();
        }, CheckOptions.builder().background(Duration.ofMillis(50)).staleAfter(Duration.ofMillis(120))
                .timeout(Duration.ofSeconds(30)).build());
        // single flight: the second run starts only after the first has completed
        assertThat(secondRunStarted.await(60, TimeUnit.SECONDS)).isTrue();

        ticker.advance(Duration.ofMillis(120));
        CheckReport fresh = registry.report().checks().get("stuck");
        ticker.advance(Duration.ofMillis(1));
        CheckReport stale = registry.report().checks().get("stuck");

        assertThat(fresh.status()).isEqualTo(CheckStatus.PASS);
        assertThat(stale.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(stale.error()).isEqualTo("stale: no result for 121 ms");
    }

    private static void awaitStatus(HealthRegistry registry, String name, CheckStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a hang guard only
        while (registry.report().checks().get(name).status() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " never reached " + status);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void errorTextIsOneScrubbedLineWithoutStackTrace() {
        HealthRegistry registry = track(HealthRegistry.builder()
                .scrubber(Scrubber.builder().mode(PiiKind.EMAIL, RedactionMode.REPLACE).build()));
        registry.register("mail", () -> {
            throw new IllegalStateException("rejected alice@example.com\n\tat com.example.Mailer.send(Mailer.java:42)");
        });
        registry.register("details", () -> HealthResult.builder(CheckStatus.WARN)
                .detail("last_recipient", "alice@example.com").detail("queued", 3).error("slow").build());

        HealthReport report = registry.report();

        assertThat(report.checks().get("mail").error()).isEqualTo("IllegalStateException: rejected [email]");
        assertThat(report.checks().get("details").details())
                .containsEntry("last_recipient", "[email]").containsEntry("queued", 3);
        String json = new String(HealthJsonWriter.write(report, HealthFormat.NATIVE, true), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("alice@example.com").doesNotContain("\tat ").doesNotContain("Mailer.java");
    }

    @Test
    void failingScrubberWithholdsTheTextInsteadOfShowingItRaw() {
        HealthRegistry registry = track(HealthRegistry.builder().scrubber(Scrubber.builder()
                .detector(PiiKind.EMAIL, (text, matches) -> {
                    throw new IllegalStateException("detector bug");
                }).build()));
        registry.register("db", () -> HealthResult.fail("password=hunter2 rejected"));

        assertThat(registry.report().checks().get("db").error()).isEqualTo("[scrub_error]");
    }

    @Test
    void nullResultAndErrorsThrownByTheCheckAreFailuresNotEscapedExceptions() {
        HealthRegistry registry = registry();
        registry.register("null", () -> null);
        registry.register("error", () -> {
            throw new StackOverflowError();
        });
        HealthReport report = registry.report();
        assertThat(report.checks().get("null").error()).isEqualTo("check returned null");
        assertThat(report.checks().get("error").error()).isEqualTo("StackOverflowError");
    }

    @Test
    void transitionListenerThatThrowsDoesNotAffectTheCheckOrOtherListeners() {
        HealthRegistry registry = registry();
        List<HealthTransition> seen = new CopyOnWriteArrayList<>();
        registry.addTransitionListener(transition -> {
            throw new IllegalStateException("listener bug");
        });
        registry.addTransitionListener(seen::add);
        registry.register("db", () -> HealthResult.fail("down"));

        assertThat(registry.report().checks().get("db").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(seen).hasSize(1);
    }

    @Test
    void durationAndStatusMetersArePublishedPerCheckAndRemovedOnUnregister() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        HealthRegistry registry = track(HealthRegistry.builder().meterRegistry(meters));
        registry.register("db", HealthResult::pass);
        registry.register("cache", () -> HealthResult.fail("down"), CheckOptions.builder().critical(false).build());
        registry.report();

        assertThat(meters.get("monitor.health.check.duration").tag("check", "db").timer().count()).isEqualTo(1);
        assertThat(meters.get("monitor.health.status").tag("check", "db").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("monitor.health.status").tag("check", "cache").gauge().value()).isEqualTo(0.0);

        registry.unregister("cache");
        assertThat(meters.find("monitor.health.status").tag("check", "cache").gauge()).isNull();
    }

    @Test
    void registrationRejectsDuplicateAndInvalidNamesClearly() {
        HealthRegistry registry = registry();
        registry.register("db", HealthResult::pass);

        assertThatThrownBy(() -> registry.register("db", HealthResult::pass))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a health check named 'db' is already registered");
        assertThatThrownBy(() -> registry.register("a:b", HealthResult::pass))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a:b'");
        assertThatThrownBy(() -> registry.register(" ", HealthResult::pass))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.register("x", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("check");
        assertThatThrownBy(() -> registry.reportCheckAsync("missing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no health check named 'missing' is registered");
    }

    @Test
    void aSingleCheckReportAgreesWithTheAggregateForEveryCriticalFlagAndStatus() {
        HealthResult[] results = {HealthResult.pass(), HealthResult.warn("slow"), HealthResult.fail("down")};
        for (boolean critical : new boolean[] {true, false}) {
            for (HealthResult result : results) {
                String name = "check-" + critical + "-" + result.status().jsonValue();
                HealthRegistry registry = registry();
                registry.register(name, () -> result, CheckOptions.builder().critical(critical).build());
                HealthReport all = registry.report();
                HealthReport single = registry.reportCheckAsync(name).join();
                String which = "critical=" + critical + ", " + result.status();

                assertThat(single.checks().get(name).critical()).as(which).isEqualTo(critical);
                assertThat(single.checks().get(name).critical()).as(which).isEqualTo(all.checks().get(name).critical());
                assertThat(single.status()).as(which).isEqualTo(all.status());
                assertThat(single.status()).as(which).isEqualTo(HealthReport.aggregate(single.checks().values()));
                HealthStatus expected = result.status() == CheckStatus.PASS ? HealthStatus.HEALTHY
                        : result.status() == CheckStatus.FAIL && critical ? HealthStatus.UNHEALTHY : HealthStatus.DEGRADED;
                assertThat(single.status()).as(which).isEqualTo(expected);
            }
        }
    }

    @Test
    void aFailingNonCriticalCheckIsDegradedAloneAsInTheWholeReport() {
        HealthRegistry registry = registry();
        registry.register("database", HealthResult::pass);
        registry.register("stripe", () -> HealthResult.fail("down"), CheckOptions.builder().critical(false).build());
        assertThat(registry.report().status()).isEqualTo(HealthStatus.DEGRADED);
        HealthReport stripe = registry.reportCheckAsync("stripe").join();
        assertThat(stripe.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(stripe.checks().get("stripe").critical()).isFalse();
    }

    @Test
    void closedRegistryReportsFailuresInsteadOfThrowing() {
        HealthRegistry registry = registry();
        registry.register("db", HealthResult::pass, CheckOptions.builder().cacheTtl(Duration.ZERO).build());
        registry.close();
        HealthReport report = registry.report();
        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
    }
}
