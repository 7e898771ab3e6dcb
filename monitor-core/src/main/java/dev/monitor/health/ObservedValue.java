package dev.monitor.health;

import dev.monitor.pii.Scrubber;
import java.util.Objects;

/**
 * A measured value a check reports, such as free disk bytes or days until a certificate expires.
 *
 * <p>Rendered as {@code observedValue}/{@code observedUnit} in the IETF health format under the
 * key {@code "<check>:<measurement>"}, and as {@code observed_value}/{@code observed_unit} in the
 * native format. The registry scrubs the measurement and the unit before a report shows them, and cuts each to 64
 * characters.
 *
 * @param measurement short camelCase name of what was measured, e.g. {@code "freeBytes"}
 * @param value the measured number
 * @param unit the unit, e.g. {@code "bytes"}, {@code "ms"}, {@code "percent"}, {@code "days"}
 */
public record ObservedValue(String measurement, Number value, String unit) {

    /** Validates the arguments. */
    public ObservedValue {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
        if (measurement.isBlank()) {
            throw new IllegalArgumentException("measurement must not be blank");
        }
        if (measurement.indexOf(':') >= 0) {
            // the value may hold anything: shown scrubbed and cut, like refused names
            throw new IllegalArgumentException("measurement must not contain ':', was '"
                    + Scrubber.defaults().scrub(measurement, 80) + "'");
        }
    }
}
