package dev.monitor.health.check.internal;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Validation shared by the check builders; messages name the setting and the bad value. Not API. */
public final class ArgumentChecks {

    /** Longest timeout accepted: socket timeouts are {@code int} milliseconds. */
    public static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    private ArgumentChecks() {
    }

    /** A timeout greater than zero and at most {@link #MAX_TIMEOUT}. */
    public static Duration timeout(String name, @Nullable Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be greater than 0, was " + value);
        }
        if (value.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_TIMEOUT + ", was " + value);
        }
        return value;
    }

    /** A duration greater than zero. */
    public static Duration positive(String name, @Nullable Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be greater than 0, was " + value);
        }
        return value;
    }

    /** A host name or address literal: not blank, no whitespace or control characters, at most 253 characters. */
    public static String host(@Nullable String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank; give a host name or IP address such as 'db.internal'");
        }
        if (host.length() > 253) {
            throw new IllegalArgumentException("host must be at most 253 characters, was " + host.length());
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("host must not contain spaces or control characters, was '"
                        + printable(host) + "'");
            }
        }
        return host;
    }

    /** A TCP port between 1 and 65535. */
    public static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        return port;
    }

    /** A percentage between 0 and 100 inclusive. */
    public static double percent(String name, double value) {
        if (!(value >= 0.0 && value <= 100.0)) { // also rejects NaN
            throw new IllegalArgumentException(name + " must be between 0 and 100, was " + value);
        }
        return value;
    }

    /** Whole milliseconds of a validated timeout, rounded up, at least 1. */
    public static int millis(Duration timeout) {
        long nanos = timeout.toNanos();
        long millis = (nanos + 999_999L) / 1_000_000L;
        return (int) Math.max(1L, Math.min(Integer.MAX_VALUE, millis));
    }

    /** Whole seconds of a validated timeout, rounded up, at least 1 (JDBC timeouts are seconds; 0 would mean none). */
    public static int seconds(Duration timeout) {
        long seconds = timeout.getSeconds() + (timeout.getNano() > 0 ? 1 : 0);
        return (int) Math.max(1L, Math.min(Integer.MAX_VALUE, seconds));
    }

    /** The first 80 characters of {@code text} with control characters replaced by {@code '?'}, for messages. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            out.append(c < ' ' || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
