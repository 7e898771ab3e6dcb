package dev.monitor.sentry.internal;

import dev.monitor.sentry.NoiseFilter;
import dev.monitor.sentry.SentryHookStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Counts scrubbed and dropped items per type (and reason). Every counter exists from the start; the Micrometer
 * meters {@code monitor.sentry.scrubbed} and {@code monitor.sentry.dropped} read them and are registered once.
 */
public final class HookCounters {

    /** Item type: an error or message event (also user feedback). */
    public static final String EVENT = "event";
    /** Item type: a transaction. */
    public static final String TRANSACTION = "transaction";
    /** Item type: a breadcrumb. */
    public static final String BREADCRUMB = "breadcrumb";
    /** Item type: a log record. */
    public static final String LOG = "log";
    /** Item type: a metric. */
    public static final String METRIC = "metric";
    /** Drop reason: our scrubbing or enrichment failed; the item is dropped rather than sent unscrubbed. */
    public static final String HOOK_ERROR = "hook_error";
    /** Drop reason: the application's own callback threw. */
    public static final String CALLBACK_ERROR = "callback_error";

    private static final List<String> TYPES = List.of(EVENT, TRANSACTION, BREADCRUMB, LOG, METRIC);
    private static final List<String> EVENT_REASONS = List.of(HOOK_ERROR, CALLBACK_ERROR,
            NoiseFilter.IGNORED_EXCEPTION, NoiseFilter.HTTP_STATUS, NoiseFilter.CLIENT_ABORT, NoiseFilter.TIMEOUT);
    private static final List<String> OTHER_REASONS = List.of(HOOK_ERROR, CALLBACK_ERROR);

    private final Map<String, LongAdder> scrubbed = new LinkedHashMap<>();
    private final Map<String, Map<String, LongAdder>> dropped = new LinkedHashMap<>();

    /** Creates the counters, and their meters when {@code registry} is given. */
    public HookCounters(@Nullable MeterRegistry registry) {
        for (String type : TYPES) {
            LongAdder count = new LongAdder();
            scrubbed.put(type, count);
            Map<String, LongAdder> reasons = new LinkedHashMap<>();
            for (String reason : type.equals(EVENT) ? EVENT_REASONS : OTHER_REASONS) {
                reasons.put(reason, new LongAdder());
            }
            dropped.put(type, reasons);
            if (registry != null) {
                FunctionCounter.builder("monitor.sentry.scrubbed", count, LongAdder::doubleValue)
                        .description("Sentry items in which personal data was redacted before sending")
                        .tag("type", type)
                        .register(registry);
                reasons.forEach((reason, adder) -> FunctionCounter
                        .builder("monitor.sentry.dropped", adder, LongAdder::doubleValue)
                        .description("Sentry items not sent: noise, or a hook failure (dropped rather than sent raw)")
                        .tag("type", type)
                        .tag("reason", reason)
                        .register(registry));
            }
        }
    }

    /** One item of {@code type} had something redacted. */
    public void scrubbed(String type) {
        LongAdder count = scrubbed.get(type);
        if (count != null) {
            count.increment();
        }
    }

    /** One item of {@code type} was dropped for {@code reason}. */
    public void dropped(String type, String reason) {
        Map<String, LongAdder> reasons = dropped.get(type);
        LongAdder count = reasons == null ? null : reasons.get(reason);
        if (count != null) {
            count.increment();
        }
    }

    /** A snapshot. */
    public SentryHookStats snapshot() {
        Map<String, Long> scrubbedNow = new LinkedHashMap<>();
        scrubbed.forEach((type, count) -> scrubbedNow.put(type, count.sum()));
        Map<String, Map<String, Long>> droppedNow = new LinkedHashMap<>();
        dropped.forEach((type, reasons) -> {
            Map<String, Long> byReason = new LinkedHashMap<>();
            reasons.forEach((reason, count) -> byReason.put(reason, count.sum()));
            droppedNow.put(type, Map.copyOf(byReason));
        });
        return new SentryHookStats(scrubbedNow, droppedNow);
    }
}
