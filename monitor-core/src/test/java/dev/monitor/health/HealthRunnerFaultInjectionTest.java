package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Generated schedules of check behaviours (pass, fail, warn, slow within and past the deadline, hangs that ignore
 * interrupts and are released later, every kind of throw, null) against the runner, across pool sizes 1-16, on
 * request (cache TTL 0 or long, time controlled by a manual {@link Ticker}) and in the background. Asserts after
 * every round:
 *
 * <ul>
 *   <li>every report completes, and no entry says the report deadline was reached;
 *   <li>a check with a long timeout that behaves reports its real result of this round, whatever the other checks
 *       do, even with a pool of one (the checks that misbehave have short timeouts and are abandoned at them);
 *   <li>a check with a short timeout reports its real result or a timeout; a hang is "timed out", then "previous
 *       run still in progress" until released; once it behaves again, the first report after its cache TTL (or
 *       its next background run) shows its real result; a cached entry is reused without running the check;
 *   <li>a check's code never runs twice at once, never starts with its thread interrupted, and the registry never
 *       has more than {@code maxConcurrentChecks} plus the number of checks threads.
 * </ul>
 *
 * <p>Deterministic outcomes: the schedule comes from the seed; what the assertions accept does not depend on
 * timing (waits are on conditions, latches released by the test, and the "real result" checks have a 20 s
 * timeout against the misbehaving checks' 25 ms). Run with {@code -Dmonitor.test.seed=...} to replay a seed.
 */
class HealthRunnerFaultInjectionTest {

    private static final long SEED = Long.getLong("monitor.test.seed", 0x5EEDL);
    private static final int ON_REQUEST_CASES = Integer.getInteger("monitor.test.health.onRequestCases", 60);
    private static final int BACKGROUND_CASES = Integer.getInteger("monitor.test.health.backgroundCases", 16);
    private static final int ROUNDS = 6;
    private static final long SHORT_MILLIS = 25;
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(20);
    private static final long WAIT_SECONDS = 20;

    /** What a check does in one round. */
    enum Behaviour {
        PASS, FAIL, WARN, SLOW_WITHIN, THROW_RUNTIME, THROW_ERROR, THROW_STACK_OVERFLOW, THROW_UNREADABLE,
        THROW_CAUSE_CYCLE, THROW_INTERRUPTED, RETURN_NULL,
        /** Waits interruptibly past its deadline; returns when the runner interrupts it. Short timeouts only. */
        SLOW_PAST_DEADLINE,
        /** Ignores interrupts until the test releases it, rounds later. Short timeouts only. */
        HANG;

        boolean pastDeadline() {
            return this == SLOW_PAST_DEADLINE || this == HANG;
        }

        static final Behaviour[] WELL_BEHAVED = {PASS, FAIL, WARN, SLOW_WITHIN, THROW_RUNTIME, THROW_ERROR,
            THROW_STACK_OVERFLOW, THROW_UNREADABLE, THROW_CAUSE_CYCLE, THROW_INTERRUPTED, RETURN_NULL};
    }

    @Test
    void onRequestChecksNeverWedgeStarveOrRunTwiceWhateverTheOthersDo() throws Exception {
        System.out.println("HealthRunnerFaultInjectionTest.onRequest: " + ON_REQUEST_CASES + " cases, seed " + SEED);
        SplittableRandom seeds = new SplittableRandom(SEED);
        for (int c = 0; c < ON_REQUEST_CASES; c++) {
            new OnRequestCase(SEED, c, new SplittableRandom(seeds.nextLong())).run();
        }
    }

    @Test
    void backgroundChecksKeepRefreshingAndRecoverWhateverTheOthersDo() throws Exception {
        System.out.println("HealthRunnerFaultInjectionTest.background: " + BACKGROUND_CASES + " cases, seed " + SEED);
        SplittableRandom seeds = new SplittableRandom(SEED ^ 0xBAC6L);
        for (int c = 0; c < BACKGROUND_CASES; c++) {
            new BackgroundCase(SEED, c, new SplittableRandom(seeds.nextLong())).run();
        }
    }

    /** A check under test: does what the test tells it, and reports what it saw. */
    private static final class Probe implements HealthCheck {
        final String name;
        final boolean shortTimeout;
        final Queue<String> violations;
        final CountDownLatch endOfCase;
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger invocations = new AtomicInteger();
        /** Completes when a run enters under the current behaviour. */
        volatile CompletableFuture<Void> enteredCurrent = new CompletableFuture<>();
        /** Completes when the next run enters; replaced by every run. */
        final java.util.concurrent.atomic.AtomicReference<CompletableFuture<Void>> nextRun =
                new java.util.concurrent.atomic.AtomicReference<>(new CompletableFuture<>());
        volatile Behaviour behaviour = Behaviour.PASS;
        volatile int version;
        volatile int round;
        volatile CountDownLatch hang = new CountDownLatch(0);

        Probe(String name, boolean shortTimeout, Queue<String> violations, CountDownLatch endOfCase) {
            this.name = name;
            this.shortTimeout = shortTimeout;
            this.violations = violations;
            this.endOfCase = endOfCase;
        }

        Duration timeout() {
            return shortTimeout ? Duration.ofMillis(SHORT_MILLIS) : LONG_TIMEOUT;
        }

        /** Sets what the next runs do; {@code version} is written last and read first, so it guards the rest. */
        void set(Behaviour next, int nextRound) {
            if (next == Behaviour.HANG && hang.getCount() == 0) {
                hang = new CountDownLatch(1); // a hang not released yet keeps its latch, so releasing it ends both
            }
            behaviour = next;
            round = nextRound;
            enteredCurrent = new CompletableFuture<>();
            version++;
        }

        @Override
        public HealthResult check() throws Exception {
            int seenVersion = version;
            Behaviour now = behaviour;
            int seenRound = round;
            CountDownLatch seenHang = hang;
            CompletableFuture<Void> seenEntered = enteredCurrent;
            int running = active.incrementAndGet();
            try {
                if (running > 1) {
                    violations.add(name + " ran twice at once");
                }
                // A short-timeout run may be abandoned (and so interrupted) between taking its thread and its
                // first line; a long-timeout run is never abandoned here, so an interrupt would be a stray one.
                if (Thread.currentThread().isInterrupted() && !shortTimeout) {
                    violations.add(name + " (long timeout) started with its thread interrupted");
                }
                invocations.incrementAndGet();
                if (seenVersion == version) {
                    seenEntered.complete(null);
                }
                nextRun.getAndSet(new CompletableFuture<>()).complete(null);
                return act(now, seenRound, seenHang);
            } finally {
                active.decrementAndGet();
            }
        }

        private @Nullable HealthResult act(Behaviour now, int seenRound, CountDownLatch seenHang) throws Exception {
            switch (now) {
                case PASS:
                    return HealthResult.pass();
                case FAIL:
                    return HealthResult.fail("down in round " + seenRound);
                case WARN:
                    return HealthResult.warn("slow in round " + seenRound);
                case SLOW_WITHIN:
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1 + seenRound % 3));
                    return HealthResult.pass();
                case THROW_RUNTIME:
                    throw new IllegalStateException("boom in round " + seenRound);
                case THROW_ERROR:
                    throw new Error("error in round " + seenRound);
                case THROW_STACK_OVERFLOW:
                    return recurse(0);
                case THROW_UNREADABLE:
                    throw new UnreadableException();
                case THROW_CAUSE_CYCLE:
                    Wrapper outer = new Wrapper("outer");
                    Wrapper inner = new Wrapper("inner");
                    outer.initCause(inner);
                    inner.initCause(outer);
                    throw outer;
                case THROW_INTERRUPTED:
                    throw new InterruptedException("stopped in round " + seenRound);
                case RETURN_NULL:
                    return null;
                case SLOW_PAST_DEADLINE:
                    endOfCase.await(); // until the runner interrupts it at its deadline
                    violations.add(name + " was never interrupted");
                    return HealthResult.pass();
                case HANG:
                    while (true) {
                        try {
                            seenHang.await();
                            return HealthResult.pass();
                        } catch (InterruptedException ignored) {
                            // ignores interrupts: keeps its thread until released
                        }
                    }
                default:
                    throw new AssertionError(now);
            }
        }

        private static HealthResult recurse(int depth) {
            return depth < 0 ? HealthResult.pass() : recurse(depth + 1);
        }
    }

    /** Whether {@code entry} is the real result of {@code behaviour} in {@code round}. */
    private static boolean isRealResult(CheckReport entry, Behaviour behaviour, int round) {
        String error = entry.error();
        return switch (behaviour) {
            case PASS, SLOW_WITHIN -> entry.status() == CheckStatus.PASS && error == null;
            case FAIL -> failed(entry, "down in round " + round);
            case WARN -> entry.status() == CheckStatus.WARN && ("slow in round " + round).equals(error);
            case THROW_RUNTIME -> failed(entry, "IllegalStateException: boom in round " + round);
            case THROW_ERROR -> failed(entry, "Error: error in round " + round);
            case THROW_STACK_OVERFLOW -> failed(entry, "StackOverflowError");
            case THROW_UNREADABLE -> failed(entry, "UnreadableException (its message could not be read: "
                    + "IllegalStateException)");
            case THROW_CAUSE_CYCLE -> failed(entry, "Wrapper: outer") || failed(entry, "Wrapper: inner");
            case THROW_INTERRUPTED -> failed(entry, "InterruptedException: stopped in round " + round);
            case RETURN_NULL -> failed(entry, "check returned null");
            case SLOW_PAST_DEADLINE, HANG -> isOwnTimeout(entry);
        };
    }

    private static boolean failed(CheckReport entry, String error) {
        return entry.status() == CheckStatus.FAIL && error.equals(entry.error());
    }

    /** Timed out at its own deadline, running or still waiting for a thread. */
    private static boolean isOwnTimeout(CheckReport entry) {
        return entry.status() == CheckStatus.FAIL && entry.error() != null
                && entry.error().startsWith("timed out after " + SHORT_MILLIS + " ms");
    }

    private static boolean isStillInProgress(CheckReport entry) {
        return entry.status() == CheckStatus.FAIL && entry.error() != null
                && entry.error().startsWith("timed out: previous run still in progress after ");
    }

    private static String describe(@Nullable CheckReport entry) {
        return entry == null ? "no entry" : entry.status() + " '" + entry.error() + "'";
    }

    /** What one generated case shares: the registry, its probes, and the checks it asserts after each round. */
    private abstract static class Case {
        final long seed;
        final int index;
        final SplittableRandom random;
        final Queue<String> violations = new ConcurrentLinkedQueue<>();
        final CountDownLatch endOfCase = new CountDownLatch(1);
        final List<Probe> probes = new ArrayList<>();
        final int threads;
        final ManualTicker ticker = new ManualTicker();
        final HealthRegistry registry;

        Case(long seed, int index, SplittableRandom random) {
            this.seed = seed;
            this.index = index;
            this.random = random;
            this.threads = 1 + random.nextInt(16);
            this.registry = HealthRegistry.builder().service(new ServiceInfo("fuzz", "1", "test")).ticker(ticker)
                    .maxConcurrentChecks(threads).reportTimeout(Duration.ofSeconds(60)).build();
            int checks = 2 + random.nextInt(5);
            for (int i = 0; i < checks; i++) {
                probes.add(new Probe("check-" + i, random.nextInt(3) > 0, violations, endOfCase));
            }
        }

        String where(String what) {
            return "seed " + seed + " case " + index + " (" + threads + " threads, " + probes.size() + " checks): "
                    + what;
        }

        void run() throws Exception {
            try {
                execute();
                assertThat(violations).as(where("violations")).isEmpty();
                assertThat(registry.executor().peakThreadCount()).as(where("peak threads"))
                        .isLessThanOrEqualTo(threads + probes.size());
            } finally {
                endOfCase.countDown();
                probes.forEach(probe -> probe.hang.countDown());
                registry.close();
            }
        }

        abstract void execute() throws Exception;

        Behaviour pick(Probe probe) {
            if (probe.shortTimeout && random.nextInt(4) == 0) {
                return random.nextBoolean() ? Behaviour.HANG : Behaviour.SLOW_PAST_DEADLINE;
            }
            return Behaviour.WELL_BEHAVED[random.nextInt(Behaviour.WELL_BEHAVED.length)];
        }

        void awaitIdle(Probe probe, String what) throws Exception {
            try {
                registry.whenIdle(probe.name).get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail(where(probe.name + " still holds a thread after " + WAIT_SECONDS + " s: " + what));
            }
        }

        HealthReport report(String what) throws Exception {
            CompletableFuture<HealthReport> future = registry.reportAsync(null);
            try {
                return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(where("report did not complete: " + what), e);
            }
        }

        void assertNoReportDeadline(HealthReport report, String what) {
            for (CheckReport entry : report.checks().values()) {
                assertThat(entry.error() == null || !entry.error().startsWith("timed out: report deadline"))
                        .as(where(what + " " + entry.name() + " " + describe(entry))).isTrue();
            }
        }
    }

    /** On request: one report per round; the ticker decides whether the cached entries are reused. */
    private static final class OnRequestCase extends Case {
        final boolean cached;
        final Map<String, CheckReport> previous = new java.util.HashMap<>();
        /** Probes whose hang started and was not released yet. */
        final java.util.Set<Probe> hung = new java.util.HashSet<>();

        OnRequestCase(long seed, int index, SplittableRandom random) {
            super(seed, index, random);
            this.cached = random.nextBoolean();
            for (Probe probe : probes) {
                registry.register(probe.name, probe, CheckOptions.builder().timeout(probe.timeout())
                        .cacheTtl(cached ? Duration.ofHours(1) : Duration.ZERO).build());
            }
        }

        @Override
        void execute() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                String at = "round " + round + (cached ? " (cache 1 h)" : " (cache 0)");
                // release some hangs; wait until every check that is not hung holds no thread
                for (Probe probe : probes) {
                    if (hung.contains(probe) && random.nextInt(3) == 0) {
                        probe.hang.countDown();
                        hung.remove(probe);
                    }
                }
                for (Probe probe : probes) {
                    if (hung.contains(probe) && registry.whenIdle(probe.name).isDone()) {
                        hung.remove(probe); // its hanging run was cancelled before it started
                    }
                    if (!hung.contains(probe)) {
                        awaitIdle(probe, at);
                    }
                }
                for (Probe probe : probes) {
                    probe.set(pick(probe), round);
                }
                boolean expired = !cached || round == 0 || random.nextInt(3) > 0;
                if (expired) {
                    ticker.advance(Duration.ofHours(2));
                }
                int[] before = probes.stream().mapToInt(probe -> probe.invocations.get()).toArray();

                HealthReport report = report(at);
                HealthReport joined = random.nextInt(4) == 0 ? report(at + " (second report)") : null;

                assertNoReportDeadline(report, at);
                for (int i = 0; i < probes.size(); i++) {
                    Probe probe = probes.get(i);
                    CheckReport entry = report.checks().get(probe.name);
                    String what = at + " " + probe.name + " " + probe.behaviour + (probe.shortTimeout ? " short" : " long")
                            + (hung.contains(probe) ? " hung" : "") + ": " + describe(entry);
                    assertThat(entry).as(where(what)).isNotNull();
                    if (!expired) {
                        assertThat(describe(entry)).as(where(what + " (cached)"))
                                .isEqualTo(describe(previous.get(probe.name)));
                        assertThat(probe.invocations.get()).as(where(what + " ran despite its cache"))
                                .isEqualTo(before[i]);
                    } else if (hung.contains(probe)) {
                        assertThat(isStillInProgress(entry)).as(where(what)).isTrue();
                        assertThat(probe.invocations.get()).as(where(what + " ran beside its hung run"))
                                .isEqualTo(before[i]);
                    } else if (!probe.shortTimeout) {
                        assertThat(isRealResult(entry, probe.behaviour, round)).as(where(what)).isTrue();
                    } else {
                        assertThat(isRealResult(entry, probe.behaviour, round) || isOwnTimeout(entry))
                                .as(where(what)).isTrue();
                    }
                    if (joined != null && !probe.shortTimeout) {
                        assertThat(describe(joined.checks().get(probe.name))).as(where(what + " second report"))
                                .isEqualTo(describe(entry));
                    }
                    previous.put(probe.name, entry);
                    if (expired && probe.behaviour == Behaviour.HANG && !hung.contains(probe)) {
                        hung.add(probe); // maybe cancelled before it started; checked next round
                    }
                }
            }
        }
    }

    /** In the background: phases of behaviours; waits until each check has run under the new behaviour. */
    private static final class BackgroundCase extends Case {

        BackgroundCase(long seed, int index, SplittableRandom random) {
            super(seed, index, random);
            for (Probe probe : probes) {
                registry.register(probe.name, probe, CheckOptions.builder().timeout(probe.timeout())
                        .background(Duration.ofMillis(5 + random.nextInt(10))).staleAfter(Duration.ofDays(1))
                        .build());
            }
        }

        @Override
        void execute() throws Exception {
            for (int phase = 0; phase < 3; phase++) {
                String at = "phase " + phase;
                for (Probe probe : probes) {
                    probe.hang.countDown(); // the previous phase's hangs end
                }
                for (Probe probe : probes) {
                    probe.set(pick(probe), phase);
                }
                List<Probe> hanging = new ArrayList<>();
                for (Probe probe : probes) {
                    awaitRunUnderCurrentBehaviour(probe, at);
                    if (probe.behaviour == Behaviour.HANG) {
                        hanging.add(probe);
                    }
                }
                for (Probe probe : hanging) {
                    awaitHangReported(probe, at);
                }
                // while the hangs hold their threads, every other check keeps refreshing with its real result
                List<CompletableFuture<Void>> nextRuns = probes.stream().map(probe -> probe.nextRun.get()).toList();
                for (int i = 0; i < probes.size(); i++) {
                    Probe probe = probes.get(i);
                    if (!hanging.contains(probe)) {
                        await(nextRuns.get(i), at + " " + probe.name + " starved: no run while others hung");
                        awaitIdle(probe, at);
                    }
                }
                HealthReport report = report(at);
                assertNoReportDeadline(report, at);
                for (Probe probe : probes) {
                    CheckReport entry = report.checks().get(probe.name);
                    String what = at + " " + probe.name + " " + probe.behaviour + (probe.shortTimeout ? " short" : " long")
                            + ": " + describe(entry);
                    if (hanging.contains(probe)) {
                        assertThat(isOwnTimeout(entry) || isStillInProgress(entry)).as(where(what)).isTrue();
                    } else if (!probe.shortTimeout) {
                        assertThat(isRealResult(entry, probe.behaviour, phase)).as(where(what)).isTrue();
                    } else {
                        assertThat(isRealResult(entry, probe.behaviour, phase) || isOwnTimeout(entry)
                                || isStillInProgress(entry)).as(where(what)).isTrue();
                    }
                }
            }
        }

        /** Waits until a run of {@code probe} started under its current behaviour, then (unless it hangs) ended. */
        private void awaitRunUnderCurrentBehaviour(Probe probe, String at) throws Exception {
            await(probe.enteredCurrent, at + " " + probe.name + " never ran as " + probe.behaviour);
            if (probe.behaviour != Behaviour.HANG) {
                awaitIdle(probe, at); // the run in flight now started under the current behaviour too
            }
        }

        /** Waits until the hang's deadline has reported it. */
        private void awaitHangReported(Probe probe, String at) throws Exception {
            await(registry.whenReported(probe.name), at + " " + probe.name + " hangs but was never reported");
        }

        private void await(CompletableFuture<?> condition, String what) throws Exception {
            try {
                condition.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail(where(what + " within " + WAIT_SECONDS + " s"));
            }
        }
    }

    /** A ticker the test advances by hand: cache TTLs and staleness never expire on their own. */
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

    /** A wrapper the runner looks through. */
    private static final class Wrapper extends CompletionException {
        Wrapper(String message) {
            super(message);
        }
    }

    /** An exception whose getMessage, toString and getCause throw. */
    private static final class UnreadableException extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage bug");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString bug");
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("getCause bug");
        }
    }
}
