package dev.monitor.rule.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one rule engine, and the one place their names are written. Not API.
 *
 * <ul>
 *   <li>{@value #EVALUATIONS} counter (no base unit), tag {@value #OUTCOME}: {@code value}, {@code no_data},
 *       {@code error}, {@code warming_up};
 *   <li>{@value #FIRING} gauge (no base unit): rules, and checks of health-driven rules, firing now.
 * </ul>
 *
 * <p>Counting works without a registry too; {@link #bindTo(MeterRegistry)} publishes the meters.
 */
public final class RuleMeters implements MeterBinder {

    /** Name of the evaluation counter. */
    public static final String EVALUATIONS = "monitor.rules.evaluations";
    /** Name of the gauge of firing rules. */
    public static final String FIRING = "monitor.rules.firing";
    /** Tag of {@link #EVALUATIONS}: how the evaluation ended. */
    public static final String OUTCOME = "outcome";

    /** How an evaluation ended, the values of the {@value #OUTCOME} tag. */
    public enum Outcome {
        /** The signal gave a value. */
        VALUE,
        /** The signal had no data. */
        NO_DATA,
        /** Reading the signal failed. */
        ERROR,
        /** A rate took its first sample. */
        WARMING_UP;

        /** The tag value, e.g. {@code no_data}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Outcome, Counter> evaluations = new EnumMap<>(Outcome.class);
    private final AtomicInteger firing = new AtomicInteger();

    /** Registers the meters in {@code registry}; call once, before counting. */
    @Override
    public void bindTo(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            evaluations.put(outcome, Counter.builder(EVALUATIONS)
                    .description("Alert rule evaluations by outcome")
                    .tag(OUTCOME, outcome.tag())
                    .register(registry));
        }
        Gauge.builder(FIRING, firing, AtomicInteger::get)
                .description("Alert rules (and checks of health-driven rules) firing now")
                .register(registry);
    }

    /** Counts one evaluation. */
    public void counted(Outcome outcome) {
        Counter counter = evaluations.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }

    /** One more rule (or check) firing. */
    public void fired() {
        firing.incrementAndGet();
    }

    /** One rule (or check) fewer firing. */
    public void resolved() {
        firing.decrementAndGet();
    }
}
