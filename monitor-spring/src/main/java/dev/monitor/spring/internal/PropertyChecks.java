package dev.monitor.spring.internal;

import dev.monitor.config.Names;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.Errors;

/**
 * Validates bound {@code monitor.*} properties. Every message starts with the full property name, e.g.
 * {@code "monitor.health.report-timeout must be greater than 0, was -1s"}, so that a bad value fails startup with a
 * message naming it. Not API.
 */
public final class PropertyChecks {

    private final String prefix;
    private final Errors errors;

    /**
     * Checks the properties bound under {@code prefix}.
     *
     * @param prefix the properties' prefix, e.g. {@code monitor.health}
     * @param errors where rejections are recorded
     */
    public PropertyChecks(String prefix, Errors errors) {
        this.prefix = prefix;
        this.errors = errors;
    }

    /** The full name of a property given by its bean path, e.g. {@code database.slowThreshold} → {@code monitor.jdbc.database.slow-threshold}. */
    public String name(String path) {
        StringBuilder name = new StringBuilder(prefix).append('.');
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isUpperCase(c)) {
                name.append('-').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    /** Rejects {@code path} with {@code problem}, e.g. {@code "must be at least 1"}. */
    public void reject(String path, @Nullable Object value, String problem) {
        errors.rejectValue(path, "invalid", name(path) + " " + problem + ", was " + describe(value));
    }

    /**
     * Rejects the entry {@code key} of the map property {@code path}, e.g. {@code monitor.alerts.routing.severity.critical}.
     * An object-level error: map keys need not be valid bean paths.
     */
    public void rejectEntry(String path, String key, @Nullable Object value, String problem) {
        errors.reject("invalid", name(path) + "." + key + " " + problem + ", was " + describe(value));
    }

    /**
     * Rejects {@code path} with {@code problem} without repeating its value, for secrets and URLs that may carry
     * credentials: an object-level error carries no rejected value.
     */
    public void rejectHidingValue(String path, String problem) {
        errors.reject("invalid", name(path) + " " + problem);
    }

    /** The duration must be set and greater than zero. */
    public void positive(String path, @Nullable Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            reject(path, value, "must be greater than 0");
        }
    }

    /** The duration must be set and not negative. */
    public void notNegative(String path, @Nullable Duration value) {
        if (value == null || value.isNegative()) {
            reject(path, value, "must not be negative");
        }
    }

    /** The number must be at least {@code min}. */
    public void atLeast(String path, long value, long min) {
        if (value < min) {
            reject(path, value, "must be at least " + min);
        }
    }

    /** The number must be between {@code min} and {@code max}. */
    public void between(String path, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            reject(path, value, "must be between " + format(min) + " and " + format(max));
        }
    }

    /** The text, when set, must hold at least {@code minBytes} bytes in UTF-8. */
    public void secret(String path, @Nullable String value, int minBytes) {
        if (value != null && value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < minBytes) {
            // never echo a secret: an object-level error carries no rejected value, the message gives the length only
            errors.reject("invalid", name(path) + " must be at least " + minBytes
                    + " bytes (use a random secret), was " + value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + " bytes");
        }
    }

    /** The list must have no blank entries. */
    public void noBlankEntries(String path, @Nullable Collection<String> values) {
        if (values == null) {
            reject(path, null, "must not be null");
            return;
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                reject(path, values, "must not contain blank entries");
                return;
            }
        }
    }

    /**
     * The duration must pass {@code rule}, one of {@link dev.monitor.config.DurationLimits}' checks such as
     * {@code DurationLimits::requireTimeout}; its refusal, which names the option, the value and the bound, is reported
     * under the property's full name, e.g. {@code "monitor.jdbc.slow-threshold must be at most PT1H (1 hour), was PT2H"}.
     */
    public void duration(String path, @Nullable Duration value, BiFunction<String, @Nullable Duration, Duration> rule) {
        try {
            rule.apply(name(path), value);
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.rejectValue(path, "invalid", String.valueOf(e.getMessage()));
        }
    }

    /**
     * The value must pass {@code rule}, a check of core that takes the option's name, such as
     * {@code StandardRule::requireThreshold}; it is given the property's full name, so its refusal, which names the
     * option, the value as core shows it (scrubbed, or not at all for a URL) and the bound, is reported as it is. An
     * object-level error: the raw value is not repeated beside it.
     *
     * @return whether the value passed
     */
    public <T> boolean valid(String path, @Nullable T value, BiConsumer<String, @Nullable T> rule) {
        try {
            rule.accept(name(path), value);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.reject("invalid", String.valueOf(e.getMessage()));
            return false;
        }
    }

    /**
     * The key of the entry {@code key} of the map property {@code path} must pass {@code rule}, a check of core that
     * takes the option's name, such as {@code StandardRules::requirePackLabel}; it is given the entry's full name
     * ({@code monitor.rules.labels.check}), the key kept as written. Like {@link #valid(String, Object, BiConsumer)}.
     *
     * @return whether the key passed
     */
    public boolean validEntry(String path, String key, BiConsumer<String, @Nullable String> rule) {
        try {
            rule.accept(name(path) + "." + key, key);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.reject("invalid", String.valueOf(e.getMessage()));
            return false;
        }
    }

    /**
     * The text must be a {@linkplain dev.monitor.config.Names name}; the refusal names the property and shows the value
     * escaped, scrubbed and shortened.
     */
    public void validName(String path, @Nullable String value) {
        try {
            Names.requireName(name(path), value);
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.reject("invalid", String.valueOf(e.getMessage()));
        }
    }

    /** The text must be a {@linkplain dev.monitor.config.Names#requireLabelKey label key}; like {@link #validName(String, String)}. */
    public void validLabelKey(String path, @Nullable String value) {
        try {
            Names.requireLabelKey(name(path), value);
        } catch (IllegalArgumentException | NullPointerException e) {
            errors.reject("invalid", String.valueOf(e.getMessage()));
        }
    }

    private static String describe(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Duration duration) {
            return duration.toMillis() % 1000 == 0 && !duration.isZero() ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
        }
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        return String.valueOf(value);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
