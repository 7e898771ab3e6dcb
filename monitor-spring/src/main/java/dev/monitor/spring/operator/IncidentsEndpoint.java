package dev.monitor.spring.operator;

import dev.monitor.spring.operator.internal.OperatorExchange;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/incidents}: the status page's incidents and their updates, as the core operator API's
 * {@code /incidents} ({@link dev.monitor.operator.OperatorEndpoint}): {@code GET} lists them newest first with their
 * updates, {@code POST} opens one, {@code POST /actuator/incidents/{id}/updates} posts an update. Present when the
 * status page is.
 */
@WebEndpoint(id = IncidentsEndpoint.ID)
public final class IncidentsEndpoint {

    /** The endpoint's id. */
    public static final String ID = "incidents";

    private final OperatorExchange exchange;

    IncidentsEndpoint(OperatorExchange exchange) {
        this.exchange = exchange;
    }

    /** The incidents, newest first, with their updates. */
    @ReadOperation
    public WebEndpointResponse<byte[]> incidents(SecurityContext security) {
        return exchange.call("GET", "/incidents", security);
    }

    /** Opens the incident of the body. */
    @WriteOperation
    public WebEndpointResponse<byte[]> open(SecurityContext security) {
        return exchange.call("POST", "/incidents", security);
    }

    /** Posts the update of the body to incident {@code id} ({@code what} is {@code updates}). */
    @WriteOperation
    public WebEndpointResponse<byte[]> update(SecurityContext security, @Selector String id, @Selector String what) {
        return exchange.call("POST", "/incidents/" + id + "/" + what, security);
    }
}
