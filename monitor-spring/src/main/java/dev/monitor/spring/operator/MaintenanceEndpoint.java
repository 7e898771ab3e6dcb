package dev.monitor.spring.operator;

import dev.monitor.spring.operator.internal.OperatorExchange;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/maintenance}: the status page's maintenance windows, as the core operator API's
 * {@code /maintenance} ({@link dev.monitor.operator.OperatorEndpoint}): {@code GET} lists them soonest first,
 * {@code POST} announces one (its components' alerts are silenced during it), {@code DELETE /actuator/maintenance/{id}}
 * cancels one. Present when the status page is.
 */
@WebEndpoint(id = MaintenanceEndpoint.ID)
public final class MaintenanceEndpoint {

    /** The endpoint's id. */
    public static final String ID = "maintenance";

    private final OperatorExchange exchange;

    MaintenanceEndpoint(OperatorExchange exchange) {
        this.exchange = exchange;
    }

    /** The maintenance windows, soonest start first. */
    @ReadOperation
    public WebEndpointResponse<byte[]> maintenances(SecurityContext security) {
        return exchange.call("GET", "/maintenance", security);
    }

    /** Announces the maintenance of the body. */
    @WriteOperation
    public WebEndpointResponse<byte[]> schedule(SecurityContext security) {
        return exchange.call("POST", "/maintenance", security);
    }

    /** Cancels maintenance {@code id} and expires its silences. */
    @DeleteOperation
    public WebEndpointResponse<byte[]> cancel(SecurityContext security, @Selector String id) {
        return exchange.call("DELETE", "/maintenance/" + id, security);
    }
}
