package dev.monitor.spring.job;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adjusts how a Spring {@code @Scheduled} method is monitored; without it, every {@code @Scheduled} method with a cron,
 * fixed rate or fixed delay is monitored as the job {@code BEAN.METHOD} with the defaults of
 * {@code monitor.jobs.scheduled.*}.
 *
 * <pre>{@code
 * @Scheduled(cron = "0 0 3 * * *", zone = "Europe/Berlin")
 * @MonitoredJob(name = "nightly-export", grace = "30m", maxRuntime = "2h")
 * void exportOrders() { ... }
 *
 * @Scheduled(fixedRate = 100)
 * @MonitoredJob(enabled = false)          // not monitored
 * void pollQueue() { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MonitoredJob {

    /** Whether the method is monitored (default true); {@code false} opts it out. */
    boolean enabled() default true;

    /** The job's name (default {@code BEAN.METHOD}, made a valid name); placeholders are resolved. */
    String name() default "";

    /** How late a run may be, e.g. {@code "10m"} or {@code "PT10M"} (default {@code monitor.jobs.scheduled.grace}). */
    String grace() default "";

    /** How long a run may take, e.g. {@code "2h"} (default {@code monitor.jobs.scheduled.max-runtime}). */
    String maxRuntime() default "";

    /** Failed runs in a row before the job is failing and alerted (default 1). */
    int failureThreshold() default 1;

    /** Whether the job's health check is critical, taking the instance out of readiness (default false). */
    boolean critical() default false;
}
