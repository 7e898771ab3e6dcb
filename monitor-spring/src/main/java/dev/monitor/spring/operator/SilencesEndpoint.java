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
 * {@code /actuator/silences}: the silences in Alertmanager API v2's JSON shape, as the core operator API's
 * {@code /silences} and {@code /silence/{id}} ({@link dev.monitor.operator.OperatorEndpoint}):
 * <ul>
 *   <li>{@code GET /actuator/silences}: the silences that have not ended;
 *   <li>{@code POST /actuator/silences}: create one (Alertmanager's {@code postableSilence}), answers
 *       {@code {"silenceID": "…"}};
 *   <li>{@code GET /actuator/silences/{id}}: one; {@code DELETE /actuator/silences/{id}}: expire it now.
 * </ul>
 */
@WebEndpoint(id = SilencesEndpoint.ID)
public final class SilencesEndpoint {

    /** The endpoint's id. */
    public static final String ID = "silences";

    private final OperatorExchange exchange;

    SilencesEndpoint(OperatorExchange exchange) {
        this.exchange = exchange;
    }

    /** The silences that have not ended. */
    @ReadOperation
    public WebEndpointResponse<byte[]> silences(SecurityContext security) {
        return exchange.call("GET", "/silences", security);
    }

    /** Creates a silence from the body. */
    @WriteOperation
    public WebEndpointResponse<byte[]> create(SecurityContext security) {
        return exchange.call("POST", "/silences", security);
    }

    /** The silence {@code id}, while it has not ended. */
    @ReadOperation
    public WebEndpointResponse<byte[]> silence(SecurityContext security, @Selector String id) {
        return exchange.call("GET", "/silence/" + id, security);
    }

    /** Expires the silence {@code id} now. */
    @DeleteOperation
    public WebEndpointResponse<byte[]> expire(SecurityContext security, @Selector String id) {
        return exchange.call("DELETE", "/silence/" + id, security);
    }
}
