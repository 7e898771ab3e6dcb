package dev.monitor.rule.internal;

import dev.monitor.rule.SignalContext;
import java.util.Objects;

/**
 * Numerator divided by denominator. Both are read at every evaluation (so rates in them keep their
 * samples); a denominator of 0 is no data ("no traffic"), never an infinite ratio. Not API.
 */
public final class RatioReader implements SignalReader {

    private final SignalReader numerator;
    private final SignalReader denominator;
    private final String denominatorDescription;

    /** Divides {@code numerator} by {@code denominator}. */
    public RatioReader(SignalReader numerator, SignalReader denominator, String denominatorDescription) {
        this.numerator = Objects.requireNonNull(numerator, "numerator");
        this.denominator = Objects.requireNonNull(denominator, "denominator");
        this.denominatorDescription = Objects.requireNonNull(denominatorDescription, "denominatorDescription");
    }

    @Override
    public Reading read(SignalContext context) throws Exception {
        Reading top = numerator.read(context);
        Reading bottom = denominator.read(context);
        if (top.kind() == Reading.Kind.WARMING_UP || bottom.kind() == Reading.Kind.WARMING_UP) {
            return Reading.warmingUp();
        }
        if (!top.hasValue()) {
            return top;
        }
        if (!bottom.hasValue()) {
            return bottom;
        }
        if (bottom.value() == 0) {
            return Reading.noData(denominatorDescription + " is 0");
        }
        return Reading.of(top.value() / bottom.value());
    }
}
