package dev.monitor.health.check;

import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Fails when threads of this JVM are deadlocked, waiting for each other's monitors or
 * {@code java.util.concurrent} locks. A deadlock never resolves by itself, so this belongs in
 * the {@code live} group: restarting is the only cure.
 *
 * <pre>{@code
 * health.register("deadlocks", new DeadlockedThreadsHealthCheck(), CheckOptions.builder().groups("live").build());
 * }</pre>
 *
 * <p>The observed value is the number of deadlocked threads; the error names up to
 * {@value #MAX_NAMED_THREADS} of them. Stack traces are never included.
 */
public final class DeadlockedThreadsHealthCheck implements HealthCheck {

    /** How many thread names the error lists at most. */
    public static final int MAX_NAMED_THREADS = 5;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** A check of this JVM's threads. */
    public DeadlockedThreadsHealthCheck() {
    }

    @Override
    public HealthResult check() {
        long[] ids = threads.isSynchronizerUsageSupported()
                ? threads.findDeadlockedThreads()
                : threads.findMonitorDeadlockedThreads();
        int count = ids == null ? 0 : ids.length;
        if (count == 0) {
            return HealthResult.builder(CheckStatus.PASS).observed("deadlockedThreads", 0, "threads").build();
        }
        StringBuilder names = new StringBuilder();
        ThreadInfo[] infos = threads.getThreadInfo(ids, 0); // depth 0: names only, no stack traces
        int named = 0;
        for (ThreadInfo info : infos) {
            if (info == null || named == MAX_NAMED_THREADS) {
                continue;
            }
            names.append(named == 0 ? "" : ", ").append('\'').append(info.getThreadName()).append('\'');
            named++;
        }
        if (count > named && named > 0) {
            names.append(", …");
        }
        return HealthResult.builder(CheckStatus.FAIL)
                .observed("deadlockedThreads", count, "threads")
                .detail("deadlocked_threads", count)
                .error(count + " threads deadlocked" + (named > 0 ? ": " + names : ""))
                .build();
    }
}
