package dev.monitor.rule;

import dev.monitor.config.DurationLimits;
import dev.monitor.rule.internal.BaselineRateReader;
import dev.monitor.rule.internal.CountDeltaReader;
import dev.monitor.rule.internal.FunctionReader;
import dev.monitor.rule.internal.GaugeReader;
import dev.monitor.rule.internal.MeterQuery;
import dev.monitor.rule.internal.PercentileReader;
import dev.monitor.rule.internal.RatioReader;
import dev.monitor.rule.internal.RuleTexts;
import dev.monitor.rule.internal.SignalReader;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a rule measures: a gauge, the rate or increase of a counter over a window, a ratio of two
 * signals, a timer percentile, or any supplier. Immutable and shareable: every rule using a signal
 * reads it with its own state.
 *
 * <pre>{@code
 * // share of 5xx responses over the last minute
 * RuleSignal errorRatio = RuleSignal.ratio(
 *         RuleSignal.rate("http.server.requests.errors", Duration.ofMinutes(1)),
 *         RuleSignal.rate("http.server.requests", Duration.ofMinutes(1)));
 * RuleSignal p95 = RuleSignal.percentile("http.server.requests", 0.95);
 * RuleSignal queue = RuleSignal.supplier("orders queue depth", orderQueue::size);
 * }</pre>
 *
 * <p><b>Rates and increases</b> come from Micrometer's cumulative counts: at each evaluation the rule
 * samples the summed {@code count()} of the matching counters, function counters, timers, function
 * timers and distribution summaries, and compares it with the newest sample at least one window old (the
 * oldest one while the rule has run for less than a window). The first evaluation only takes a sample
 * and leaves the rule as it is. A count that went down (meters removed and recreated) restarts the
 * samples. A meter that does not exist yet counts 0. This needs cumulative counts: a registry in step
 * mode reports per-step counts and is rejected by {@link RuleEngine.Builder#meterRegistry}.
 *
 * <p><b>Percentiles</b> are the ones the timer publishes ({@code Timer.builder(...).publishPercentiles(0.95)};
 * the request monitor's {@code http.server.requests} publishes 0.5, 0.95 and 0.99 by default), read from
 * its histogram snapshot in seconds. Micrometer computes them over a sliding window of
 * {@code distributionStatisticExpiry} (2 minutes by default), so the value follows recent requests and
 * decays to 0 without traffic. With several matching timers the highest percentile is taken.
 *
 * <p>Meter names and tags select every meter of that name whose tags include the given ones, e.g.
 * {@code rate("http.server.requests", window, "outcome", "SERVER_ERROR")}.
 */
public final class RuleSignal {

    private final String description;
    private final @Nullable Duration window;
    private final List<MeterQuery> queries;
    private final Function<Tags, SignalReader> readers;

    private RuleSignal(String description, @Nullable Duration window, List<MeterQuery> queries,
            Function<Tags, SignalReader> readers) {
        this.description = description;
        this.window = window;
        this.queries = List.copyOf(queries);
        this.readers = readers;
    }

    /**
     * The sum of the matching gauges' values (time gauges in seconds); gauges reporting {@code NaN} are
     * left out, none left is no data.
     *
     * @param name the gauge name, e.g. {@code jvm.memory.used}
     * @param tags tag key/value pairs the gauges must have, e.g. {@code "area", "heap"}
     */
    public static RuleSignal gauge(String name, String... tags) {
        MeterQuery query = MeterQuery.of(name, tags);
        return new RuleSignal(query.describe(), null, List.of(query), series -> new GaugeReader(query.and(series), false));
    }

    /** The highest value among the matching gauges, e.g. the fullest of several connection pools. */
    public static RuleSignal gaugeMax(String name, String... tags) {
        MeterQuery query = MeterQuery.of(name, tags);
        return new RuleSignal("max(" + query.describe() + ")", null, List.of(query),
                series -> new GaugeReader(query.and(series), true));
    }

    /**
     * The per-second rate of the matching meters' summed count over {@code window}.
     *
     * @param window how far back to compare; at least the rule's evaluation interval
     */
    public static RuleSignal rate(String name, Duration window, String... tags) {
        MeterQuery query = MeterQuery.of(name, tags);
        Duration checked = window("window", window);
        return new RuleSignal("rate(" + query.describe() + "[" + RuleTexts.duration(checked) + "])", checked,
                List.of(query), series -> new CountDeltaReader(query.and(series), checked, true));
    }

    /** How much the matching meters' summed count grew over {@code window}, e.g. failed logins in the last minute. */
    public static RuleSignal increase(String name, Duration window, String... tags) {
        MeterQuery query = MeterQuery.of(name, tags);
        Duration checked = window("window", window);
        return new RuleSignal("increase(" + query.describe() + "[" + RuleTexts.duration(checked) + "])", checked,
                List.of(query), series -> new CountDeltaReader(query.and(series), checked, false));
    }

    /** Most baseline windows {@link #rateToBaseline} compares with. */
    public static final int MAX_BASELINE_WINDOWS = 100;

    /**
     * The per-second rate of the matching meters' summed count over the current {@code window}, as a multiple of its
     * own recent baseline: the median rate of the {@code baselineWindows} windows before it, counted as at least
     * {@code minBaselineRate} per second. 3 means three times the usual rate; 0.2 a fifth of it. The floor keeps a
     * quiet service (1 request a minute becoming 3) from looking like a spike. No data until the samples reach back
     * {@code baselineWindows + 1} windows. The rule keeps one sample per evaluation over those windows, at most 10,000:
     * choose windows and an interval with {@code (baselineWindows + 1) × window / interval} below that, or the oldest
     * window is never complete and the signal reads no data.
     *
     * <pre>{@code
     * // requests of the last 5 minutes against the median of the hour before, at least 1 request/s
     * RuleSignal.rateToBaseline("http.server.requests", Duration.ofMinutes(5), 12, 1.0)
     * }</pre>
     *
     * @param window the current window and the length of each baseline window; at least the rule's interval
     * @param baselineWindows how many windows before the current one make the baseline, 1 to {@value #MAX_BASELINE_WINDOWS}
     * @param minBaselineRate the lowest baseline, per second, above 0
     */
    public static RuleSignal rateToBaseline(String name, Duration window, int baselineWindows, double minBaselineRate,
            String... tags) {
        MeterQuery query = MeterQuery.of(name, tags);
        Duration checked = window("window", window);
        if (baselineWindows < 1 || baselineWindows > MAX_BASELINE_WINDOWS) {
            throw new IllegalArgumentException("baselineWindows must be between 1 and " + MAX_BASELINE_WINDOWS + ", was "
                    + baselineWindows);
        }
        if (!(minBaselineRate > 0) || Double.isInfinite(minBaselineRate)) {
            throw new IllegalArgumentException("minBaselineRate must be a rate per second above 0 (e.g. 1.0), was "
                    + minBaselineRate);
        }
        String description = "rate(" + query.describe() + "[" + RuleTexts.duration(checked) + "]) / median of the "
                + baselineWindows + " windows before (at least " + RuleTexts.number(minBaselineRate) + "/s)";
        return new RuleSignal(description, checked, List.of(query),
                series -> new BaselineRateReader(query.and(series), checked, baselineWindows, minBaselineRate));
    }

    /**
     * {@code numerator / denominator}, e.g. errors per request. A denominator of 0 (no traffic) is no
     * data. For two rates over the same window this is the ratio of their increases.
     */
    public static RuleSignal ratio(RuleSignal numerator, RuleSignal denominator) {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        Duration window = longer(numerator.window, denominator.window);
        List<MeterQuery> queries = new ArrayList<>(numerator.queries);
        queries.addAll(denominator.queries);
        return new RuleSignal(numerator.description + " / " + denominator.description, window, queries,
                series -> new RatioReader(numerator.newReader(series), denominator.newReader(series),
                        denominator.description));
    }

    /**
     * A percentile, in seconds for timers, of the matching timers or distribution summaries; the highest
     * when several match. The meters must publish that percentile ({@code publishPercentiles}), otherwise
     * each evaluation is an error naming the setting.
     *
     * @param percentile between 0 and 1 exclusive, e.g. 0.95
     */
    public static RuleSignal percentile(String name, double percentile, String... tags) {
        MeterQuery query = MeterQuery.of(name, tags);
        if (!(percentile > 0 && percentile < 1)) {
            throw new IllegalArgumentException("percentile must be between 0 and 1 exclusive (e.g. 0.95), was " + percentile);
        }
        return new RuleSignal("p" + RuleTexts.number(percentile * 100) + "(" + query.describe() + ")", null,
                List.of(query), series -> new PercentileReader(query.and(series), percentile));
    }

    /**
     * Any value, e.g. a queue's depth. {@code NaN} is no data; an exception is an evaluation error. Called
     * on the rule engine's thread at every evaluation.
     *
     * @param description what the value is, shown in summaries, e.g. {@code "orders queue depth"}
     */
    public static RuleSignal supplier(String description, DoubleSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return new RuleSignal(description(description), null, List.of(),
                series -> new FunctionReader(context -> supplier.getAsDouble()));
    }

    /**
     * A value computed from the evaluation time and the engine's meter registry, e.g. days until a
     * certificate expires or the fullest disk. {@code NaN} is no data; an exception is an evaluation error.
     *
     * @param description what the value is, shown in summaries
     */
    public static RuleSignal computed(String description, SignalFunction function) {
        Objects.requireNonNull(function, "function");
        return new RuleSignal(description(description), null, List.of(), series -> new FunctionReader(function));
    }

    /** A readable description, e.g. {@code rate(http.server.requests.errors[1m]) / rate(http.server.requests[1m])}. */
    public String description() {
        return description;
    }

    /** The longest window of the rates and increases in this signal, or {@code null} when it has none. */
    public @Nullable Duration window() {
        return window;
    }

    /** Whether this signal reads meters from the engine's registry. */
    public boolean readsMeters() {
        return !queries.isEmpty();
    }

    /** A fresh reader with its own state, for one rule. */
    SignalReader newReader() {
        return readers.apply(Tags.empty());
    }

    /** A fresh reader of one series: every meter query of the signal narrowed to {@code series}. */
    SignalReader newReader(Tags series) {
        return readers.apply(series);
    }

    /**
     * The series of this signal by the tag keys {@code keys}: every distinct combination of their values among the
     * meters the signal's queries match now (a meter without one of the keys belongs to no series), in tag order.
     */
    Set<Tags> series(MeterRegistry registry, List<String> keys) {
        Set<Tags> found = new TreeSet<>(Comparator.comparing(Tags::toString));
        for (MeterQuery query : queries) {
            for (Meter meter : query.find(registry)) {
                String[] pairs = new String[keys.size() * 2];
                boolean complete = true;
                for (int i = 0; i < keys.size() && complete; i++) {
                    String value = meter.getId().getTag(keys.get(i));
                    complete = value != null;
                    pairs[2 * i] = keys.get(i);
                    pairs[2 * i + 1] = value;
                }
                if (complete) {
                    found.add(Tags.of(pairs));
                }
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return description;
    }

    private static String description(@Nullable String description) {
        Objects.requireNonNull(description, "description");
        if (description.isBlank()) {
            throw new IllegalArgumentException("description must not be blank; say what the value is, e.g. \"orders queue depth\"");
        }
        return description;
    }

    private static Duration window(String name, @Nullable Duration window) {
        return DurationLimits.requirePeriod(name, window);
    }

    private static @Nullable Duration longer(@Nullable Duration a, @Nullable Duration b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
