package dev.monitor.benchmarks.request;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link RequestFilterBenchmark} at 1 and 2 threads <em>interleaved</em>, one JVM fork at a time,
 * and prints each fork's CPU time per request, so that a drift of the machine's speed during the
 * session (measured at about 20 % on the benchmark VM) shows in both thread counts alike instead of
 * being read as a 1-to-2-thread difference.
 *
 * <p>Each round runs, in this order, one fork of: the no-op filter at 1 thread, then for every MDC
 * ({@code basic}: SLF4J's {@code BasicMDCAdapter}; {@code padded}: the control
 * {@link PaddedMdcAdapter}) {@code idMdcHeader} at 1 and at 2 threads. Each fork has the benchmark's
 * own warm-up and measurement (3 + 5 iterations of 1 s). At the end it prints, per configuration, every
 * fork's CPU ns per request (the {@link CpuTime} counters), the mean and median, the allocation per
 * request, and how many 2-thread forks exceed 1.5 times the median of the same MDC's 1-thread forks.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests -pl monitor-benchmarks -am package
 * java -cp monitor-benchmarks/target/benchmarks.jar dev.monitor.benchmarks.request.RequestFlatnessRun 16 \
 *     | tee monitor-benchmarks/results/RequestFilterBenchmark-interleaved.txt
 * </pre>
 */
public final class RequestFlatnessRun {

    private record Config(String method, String mdc, int threads) {
        String label() {
            return method + " mdc=" + mdc + " t" + threads;
        }
    }

    private record Fork(double cpuNsPerOp, double wallNsPerOp, double bytesPerOp) {
    }

    private RequestFlatnessRun() {
    }

    /**
     * Runs the rounds.
     *
     * @param args the number of rounds (default 16), then JVM options for every fork (e.g.
     *     {@code -XX:ObjectAlignmentInBytes=64}, which gives every object its own cache line)
     */
    public static void main(String[] args) throws RunnerException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        String[] jvmArgs = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[0];
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
        List<Config> configs = List.of(
                new Config("noopFilter", "basic", 1),
                new Config("idMdcHeader", "basic", 1),
                new Config("idMdcHeader", "basic", 2),
                new Config("idMdcHeader", "padded", 1),
                new Config("idMdcHeader", "padded", 2));
        Map<Config, List<Fork>> forks = new LinkedHashMap<>();
        configs.forEach(c -> forks.put(c, new ArrayList<>()));
        System.out.printf(Locale.ROOT, "# %d rounds; java %s; cpus %d; fork JVM options %s%n", rounds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Arrays.toString(jvmArgs));
        for (int round = 1; round <= rounds; round++) {
            for (Config config : configs) {
                Fork fork = runOnce(config, jvmArgs);
                forks.get(config).add(fork);
                System.out.printf(Locale.ROOT, "round %2d  %-28s cpu %7.1f ns/op  wall %7.1f ns/op  %5.0f B/op%n",
                        round, config.label(), fork.cpuNsPerOp(), fork.wallNsPerOp(), fork.bytesPerOp());
            }
        }
        System.out.println();
        System.out.println("# summary: CPU ns per request of the benchmark threads, one value per fork, in run order");
        for (Config config : configs) {
            List<Fork> list = forks.get(config);
            double[] cpu = list.stream().mapToDouble(Fork::cpuNsPerOp).toArray();
            StringBuilder values = new StringBuilder();
            for (double v : cpu) {
                values.append(String.format(Locale.ROOT, " %.0f", v));
            }
            String slow = "";
            if (config.threads() == 2) {
                double oneThreadMedian = median(forks.get(new Config(config.method(), config.mdc(), 1)).stream()
                        .mapToDouble(Fork::cpuNsPerOp).toArray());
                long over = list.stream().filter(f -> f.cpuNsPerOp() > 1.5 * oneThreadMedian).count();
                slow = String.format(Locale.ROOT, "  forks > 1.5x the 1-thread median (%.0f): %d of %d",
                        oneThreadMedian, over, list.size());
            }
            System.out.printf(Locale.ROOT, "%-28s mean %6.1f  median %6.1f  max %6.1f  B/op %.0f%s%n   forks:%s%n",
                    config.label(), mean(cpu), median(cpu), max(cpu),
                    mean(list.stream().mapToDouble(Fork::bytesPerOp).toArray()), slow, values);
        }
    }

    private static Fork runOnce(Config config, String[] jvmArgs) throws RunnerException {
        Options options = new OptionsBuilder()
                .jvmArgsAppend(jvmArgs)
                .include(RequestFilterBenchmark.class.getName() + "\\." + config.method() + "$")
                .param("mdc", config.mdc())
                .threads(config.threads())
                .forks(1)
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .build();
        RunResult result = new Runner(options).runSingle();
        Map<String, Result> secondary = result.getAggregatedResult().getSecondaryResults();
        double cpuNanos = score(secondary, "cpuNanos");
        double ops = score(secondary, "ops");
        return new Fork(cpuNanos / ops, result.getPrimaryResult().getScore(), score(secondary, "gc.alloc.rate.norm"));
    }

    private static double score(Map<String, Result> secondary, String label) {
        Result result = secondary.get(label);
        if (result == null) {
            throw new IllegalStateException("the run reported no '" + label + "' result; it reported "
                    + secondary.keySet());
        }
        return result.getScore();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
