package dev.monitor.health;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public, parameterless method as a health check, registered by
 * {@link HealthRegistry#registerAnnotated(Object)} (and discovered automatically on Spring beans).
 *
 * <p>The method may return {@link HealthResult}, {@code boolean}/{@link Boolean} ({@code false}
 * is a failure) or {@code void} (returning normally passes). Throwing is a failure.
 *
 * <pre>{@code
 * @HealthCheckMethod(name = "stripe", critical = false, timeoutMillis = 2000)
 * boolean stripeReachable() { return stripe.ping(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HealthCheckMethod {

    /**
     * The check's name; defaults to the method name. Either way it must follow the name rule of
     * {@link HealthRegistry#register(String, HealthCheck, CheckOptions)} (1-64 ASCII letters, digits, {@code '.'},
     * {@code '_'}, {@code '-'}, starting with a letter or digit).
     */
    String name() default "";

    /** Whether a failure makes the aggregate unhealthy. */
    boolean critical() default true;

    /** The per-run timeout in milliseconds, at most 3600000 (1 hour); 0 means the default of 1000. */
    long timeoutMillis() default 0;

    /** The groups the check belongs to, e.g. {@code {"live", "ready"}}. */
    String[] groups() default {"ready"};

    /**
     * The background refresh interval in milliseconds, at most 366 days; 0 (the default) runs the check on
     * request.
     */
    long refreshIntervalMillis() default 0;

    /** How long an on-request result is reused, in milliseconds, at most 366 days; -1 means the default of 1000. */
    long cacheTtlMillis() default -1;

    /** Consecutive failures before the check is reported failing. */
    int failureThreshold() default 1;

    /** Consecutive successes before a failing check is reported passing. */
    int successThreshold() default 1;

    /** The status before the first run completes. */
    CheckStatus initialStatus() default CheckStatus.PASS;
}
