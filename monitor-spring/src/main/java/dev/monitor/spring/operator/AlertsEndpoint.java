package dev.monitor.spring.operator;

import dev.monitor.spring.operator.internal.OperatorExchange;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/alerts}: the firing alerts and their incidents; acknowledge and resolve. The core operator API's
 * {@code /alerts} routes ({@link dev.monitor.operator.OperatorEndpoint}), with its JSON and checks:
 * <ul>
 *   <li>{@code GET /actuator/alerts}: the firing alerts, newest first; {@code ?view=incidents}: every kept incident
 *       (firing and recently resolved) with its timeline;
 *   <li>{@code GET /actuator/alerts/{fingerprint}}: the alert's incident with its timeline;
 *   <li>{@code POST /actuator/alerts/{fingerprint}/ack} and {@code .../resolve} ({@code {"comment", "by"}});
 *   <li>{@code POST /actuator/alerts/ack} ({@code {"groupKey", "comment", "by"}}): a notification's group.
 * </ul>
 */
@WebEndpoint(id = AlertsEndpoint.ID)
public final class AlertsEndpoint {

    /** The endpoint's id. */
    public static final String ID = "alerts";

    private final OperatorExchange exchange;

    AlertsEndpoint(OperatorExchange exchange) {
        this.exchange = exchange;
    }

    /** The firing alerts; with {@code view=incidents}, every kept incident. */
    @ReadOperation
    public WebEndpointResponse<byte[]> alerts(SecurityContext security, @Nullable String view) {
        String path = view == null || view.equals("firing") ? "/alerts"
                : view.equals("incidents") ? "/alert-incidents" : "/alerts?view=" + view; // the last is a 404
        return exchange.call("GET", path, security);
    }

    /** The incident of the alert {@code fingerprint} with its timeline. */
    @ReadOperation
    public WebEndpointResponse<byte[]> alert(SecurityContext security, @Selector String fingerprint) {
        return exchange.call("GET", "/alerts/" + fingerprint, security);
    }

    /** Acknowledges ({@code ack}) or resolves ({@code resolve}) the alert {@code fingerprint}. */
    @WriteOperation
    public WebEndpointResponse<byte[]> act(SecurityContext security, @Selector String fingerprint, @Selector String action) {
        return exchange.call("POST", "/alerts/" + fingerprint + "/" + action, security);
    }

    /** Acknowledges ({@code ack}) every firing alert of the group {@code groupKey} of the body. */
    @WriteOperation
    public WebEndpointResponse<byte[]> actOnGroup(SecurityContext security, @Selector String action) {
        return exchange.call("POST", "/alert-groups/" + action, security);
    }
}
