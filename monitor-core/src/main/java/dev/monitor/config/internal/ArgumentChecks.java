package dev.monitor.config.internal;

import dev.monitor.config.DurationLimits;
import dev.monitor.pii.Scrubber;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Validation shared by the check builders; messages name the setting and the bad value. Not API. */
public final class ArgumentChecks {

    /** Longest timeout accepted: {@link DurationLimits#MAX_TIMEOUT} (1 hour), well within {@code int} milliseconds. */
    public static final Duration MAX_TIMEOUT = DurationLimits.MAX_TIMEOUT;

    /** Longest text of a refused value shown in a message, after scrubbing. */
    private static final int SHOWN_LENGTH = 80;

    private ArgumentChecks() {
    }

    /** A timeout greater than zero and at most 1 hour ({@link DurationLimits#requireTimeout}). */
    public static Duration timeout(String name, @Nullable Duration value) {
        return DurationLimits.requireTimeout(name, value);
    }

    /** A period (an age, an interval) greater than zero and at most 366 days ({@link DurationLimits#requirePeriod}). */
    public static Duration period(String name, @Nullable Duration value) {
        return DurationLimits.requirePeriod(name, value);
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

    /**
     * {@code text} as a message may show it: scrubbed first, then cut to 80 characters (never the other way round,
     * which could leave part of a card number or email the scrubber no longer recognizes), with control characters
     * replaced by {@code '?'}.
     */
    public static String printable(String text) {
        String scrubbed = Scrubber.defaults().scrub(text, SHOWN_LENGTH);
        StringBuilder out = new StringBuilder(scrubbed.length());
        for (int i = 0; i < scrubbed.length(); i++) {
            char c = scrubbed.charAt(i);
            out.append(c < ' ' || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
