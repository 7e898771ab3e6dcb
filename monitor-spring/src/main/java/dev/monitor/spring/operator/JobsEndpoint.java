package dev.monitor.spring.operator;

import dev.monitor.spring.operator.internal.OperatorExchange;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/jobs}: the watched jobs and where they stand, as the core operator API's {@code /jobs}
 * ({@link dev.monitor.operator.OperatorEndpoint}). Present when a {@link dev.monitor.job.JobMonitor} bean is.
 */
@WebEndpoint(id = JobsEndpoint.ID)
public final class JobsEndpoint {

    /** The endpoint's id. */
    public static final String ID = "jobs";

    private final OperatorExchange exchange;

    JobsEndpoint(OperatorExchange exchange) {
        this.exchange = exchange;
    }

    /** The watched jobs. */
    @ReadOperation
    public WebEndpointResponse<byte[]> jobs(SecurityContext security) {
        return exchange.call("GET", "/jobs", security);
    }
}
