package dev.monitor.health;

/**
 * The meters a {@link HealthRegistry} registers per check (with a meter registry): names,
 * descriptions and tag keys, in one place. The timer is in the registry's base time unit; the
 * status gauge is a unitless level.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #CHECK_DURATION}</td><td>timer</td><td>check</td></tr>
 *   <tr><td>{@value #STATUS}</td><td>gauge: 1 pass, 0.5 warn, 0 fail</td><td>check</td></tr>
 * </table>
 */
public final class HealthMeters {

    /** Time taken by one run of a health check. */
    public static final String CHECK_DURATION = "monitor.health.check.duration";
    /** Description of {@link #CHECK_DURATION}. */
    public static final String CHECK_DURATION_DESCRIPTION = "Time taken by one run of a health check";
    /** Reported status of a health check. */
    public static final String STATUS = "monitor.health.status";
    /** Description of {@link #STATUS}. */
    public static final String STATUS_DESCRIPTION = "Reported status of a health check: 1 pass, 0.5 warn, 0 fail";

    /** Tag: the check's name. */
    public static final String TAG_CHECK = "check";

    private HealthMeters() {
    }
}
