package dev.monitor.health;

/**
 * The aggregate status of a health report.
 *
 * <p>Any failing critical check makes the report {@link #UNHEALTHY}; otherwise any failing or
 * warning check makes it {@link #DEGRADED}; else it is {@link #HEALTHY}.
 */
public enum HealthStatus {
    /** Every check passes. Answered with HTTP 200. */
    HEALTHY("healthy", 200),
    /** A non-critical check fails or a check warns; the service still serves. Answered with HTTP 200. */
    DEGRADED("degraded", 200),
    /** A critical check fails; take the instance out of rotation. Answered with HTTP 503. */
    UNHEALTHY("unhealthy", 503);

    private final String jsonValue;
    private final int httpStatus;

    HealthStatus(String jsonValue, int httpStatus) {
        this.jsonValue = jsonValue;
        this.httpStatus = httpStatus;
    }

    /** The lowercase word used in JSON output. */
    public String jsonValue() {
        return jsonValue;
    }

    /** The HTTP status code a health endpoint answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The status in the vocabulary of the IETF health-check draft: {@code pass}, {@code warn} or {@code fail}. */
    public CheckStatus asCheckStatus() {
        return switch (this) {
            case HEALTHY -> CheckStatus.PASS;
            case DEGRADED -> CheckStatus.WARN;
            case UNHEALTHY -> CheckStatus.FAIL;
        };
    }
}
