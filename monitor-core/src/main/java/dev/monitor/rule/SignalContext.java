package dev.monitor.rule;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@linkplain RuleSignal#computed computed signal} may read: the evaluation time on the engine's
 * clock and the engine's meter registry.
 *
 * @param now the time of this evaluation
 * @param registry the engine's meter registry, or {@code null} when it was given none
 */
public record SignalContext(Instant now, @Nullable MeterRegistry registry) {

    /** Validates the arguments. */
    public SignalContext {
        Objects.requireNonNull(now, "now");
    }
}
