package dev.monitor.benchmarks.request;

import java.lang.reflect.Field;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;

/**
 * Gives SLF4J a real MDC for the request benchmarks.
 *
 * <p>The benchmark module logs through {@code slf4j-nop}, whose MDC does nothing: measured like that,
 * {@code MDC.put} would cost nothing and the figures would flatter the filter. SLF4J's own
 * {@link BasicMDCAdapter} keeps a per-thread {@code HashMap} exactly as logback 1.5's adapter does
 * (put and remove are a thread-local lookup and a hash-map update), so it is installed in SLF4J's
 * adapter field before the benchmark starts, after SLF4J has initialised (initialisation binds the
 * provider's adapter and would overwrite ours). Only these benchmarks' JVM forks are affected; the
 * benchmarks {@linkplain #verify() verify} at tear-down that the adapter was still in place. The control
 * {@link PaddedMdcAdapter} is installed the same way.
 */
final class RealMdc {

    private static volatile @Nullable MDCAdapter installed;

    private RealMdc() {
    }

    /**
     * Installs the MDC named by the benchmarks' {@code mdc} parameter: {@code basic} (SLF4J's
     * {@link BasicMDCAdapter}, the default) or {@code padded} (the control {@link PaddedMdcAdapter}).
     */
    static void install(String kind) {
        MDCAdapter adapter = switch (kind) {
            case "basic" -> new BasicMDCAdapter();
            case "padded" -> new PaddedMdcAdapter();
            default -> throw new IllegalArgumentException("unknown mdc '" + kind + "': expected basic or padded");
        };
        LoggerFactory.getILoggerFactory(); // initialise SLF4J first: it sets the provider's (no-op) adapter
        try {
            Field field = MDC.class.getDeclaredField("MDC_ADAPTER");
            field.setAccessible(true);
            field.set(null, adapter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install a real MDC adapter into SLF4J " + MDC.class.getPackage(), e);
        }
        if (MDC.getMDCAdapter() != adapter) {
            throw new IllegalStateException("MDC adapter is " + MDC.getMDCAdapter() + ", expected " + adapter);
        }
        MDC.put("probe", "1");
        if (!"1".equals(MDC.get("probe"))) {
            throw new IllegalStateException("the MDC does not keep values");
        }
        MDC.remove("probe");
        installed = adapter;
    }

    /** Fails if something replaced the real adapter during the benchmark. */
    static void verify() {
        if (installed == null || MDC.getMDCAdapter() != installed) {
            throw new IllegalStateException("the MDC adapter was replaced by " + MDC.getMDCAdapter()
                    + "; the figures did not include the MDC");
        }
    }
}
