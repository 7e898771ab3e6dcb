package dev.monitor.health;

/**
 * The status of a single health check: {@code pass}, {@code warn} or {@code fail}.
 *
 * <p>These words never describe the whole service; the aggregate uses {@link HealthStatus}
 * ({@code healthy}, {@code degraded}, {@code unhealthy}), so a keyword monitor looking for
 * {@code "status":"healthy"} cannot be fooled by a passing check inside an unhealthy report.
 */
public enum CheckStatus {
    /** The dependency works as expected. */
    PASS("pass"),
    /** The dependency works but needs attention (slow, nearly full, certificate expiring). */
    WARN("warn"),
    /** The dependency does not work. */
    FAIL("fail");

    private final String jsonValue;

    CheckStatus(String jsonValue) {
        this.jsonValue = jsonValue;
    }

    /** The lowercase word used in JSON output. */
    public String jsonValue() {
        return jsonValue;
    }
}
