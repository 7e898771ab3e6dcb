package dev.monitor.rule.internal;

import dev.monitor.rule.SignalContext;
import dev.monitor.rule.SignalFunction;
import java.util.Objects;

/** Calls a user's {@link SignalFunction}; {@code NaN} is no data. Not API. */
public final class FunctionReader implements SignalReader {

    private final SignalFunction function;

    /** Reads {@code function}. */
    public FunctionReader(SignalFunction function) {
        this.function = Objects.requireNonNull(function, "function");
    }

    @Override
    public Reading read(SignalContext context) throws Exception {
        double value = function.read(context);
        return Double.isNaN(value) ? Reading.noData("the signal returned NaN") : Reading.of(value);
    }
}
