package dev.monitor.fleet;

/**
 * The meters a {@link JdbcMonitorStore} registers (with a meter registry): names, descriptions and tag keys, in one
 * place. Counters count what their name says.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>tags</th></tr>
 *   <tr><td>{@value #TASKS}</td><td>outcome: {@code ran} (this replica took the lease), {@code skipped} (another
 *       replica holds it), {@code local} (the store did not answer; ran here)</td></tr>
 *   <tr><td>{@value #CLAIMS}</td><td>outcome: {@code won} (this replica sends), {@code lost} (another replica sent
 *       it; the send was skipped), {@code local} (the store did not answer; sent here)</td></tr>
 *   <tr><td>{@value #STORE_ERRORS}</td><td></td></tr>
 * </table>
 */
public final class FleetMeters {

    /** Scheduled evaluations that went through the fleet gate, by outcome. */
    public static final String TASKS = "monitor.fleet.tasks";
    /** Description of {@link #TASKS}. */
    public static final String TASKS_DESCRIPTION = "Scheduled evaluations through the fleet gate, by outcome";
    /** Notification claims, by outcome. */
    public static final String CLAIMS = "monitor.fleet.claims";
    /** Description of {@link #CLAIMS}. */
    public static final String CLAIMS_DESCRIPTION = "Notification claims, by outcome; lost ones were not sent here";
    /** Store operations that failed. */
    public static final String STORE_ERRORS = "monitor.fleet.store.errors";
    /** Description of {@link #STORE_ERRORS}. */
    public static final String STORE_ERRORS_DESCRIPTION = "Fleet store operations that failed";

    /** Tag: the outcome. */
    public static final String TAG_OUTCOME = "outcome";

    private FleetMeters() {
    }
}
