package dev.monitor.uptime;

/**
 * The meters an {@link UptimeMonitor} registers (with a meter registry): names, descriptions and
 * tag keys, in one place. The timer is in the registry's base time unit; the status gauge is a
 * unitless level; counters count what their name says.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #STATUS}</td><td>gauge: 1 passed, 0.5 degraded, 0 failed</td><td>target</td></tr>
 *   <tr><td>{@value #RESPONSE_TIME}</td><td>timer</td><td>target</td></tr>
 *   <tr><td>{@value #CHECKS}</td><td>counter</td><td>target, outcome</td></tr>
 *   <tr><td>{@value #STORE_ERRORS}</td><td>counter</td><td></td></tr>
 * </table>
 */
public final class UptimeMeters {

    /** Last uptime check of a target. */
    public static final String STATUS = "monitor.uptime.status";
    /** Description of {@link #STATUS}. */
    public static final String STATUS_DESCRIPTION = "Last uptime check of a target: 1 passed, 0.5 degraded, 0 failed";
    /** Response time of uptime checks. */
    public static final String RESPONSE_TIME = "monitor.uptime.response.time";
    /** Description of {@link #RESPONSE_TIME}. */
    public static final String RESPONSE_TIME_DESCRIPTION = "Response time of uptime checks";
    /** Uptime checks by outcome. */
    public static final String CHECKS = "monitor.uptime.checks";
    /** Description of {@link #CHECKS}. */
    public static final String CHECKS_DESCRIPTION = "Uptime checks by outcome";
    /** Uptime store operations that failed. */
    public static final String STORE_ERRORS = "monitor.uptime.store.errors";
    /** Description of {@link #STORE_ERRORS}. */
    public static final String STORE_ERRORS_DESCRIPTION = "Uptime store operations that failed";

    /** Tag: the target's name. */
    public static final String TAG_TARGET = "target";
    /** Tag: the check's outcome, {@code pass}, {@code warn} or {@code fail}. */
    public static final String TAG_OUTCOME = "outcome";

    private UptimeMeters() {
    }
}
