package dev.monitor.spring.operator;

import dev.monitor.operator.OperatorEndpoint;

/**
 * Adjusts the {@link OperatorEndpoint} behind the operator endpoints, after the {@code monitor.operator.*} properties
 * were applied (e.g. a clock). Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order @Order}.
 */
@FunctionalInterface
public interface OperatorEndpointCustomizer {

    /** Adjusts the builder; called once, when the endpoints are created. */
    void customize(OperatorEndpoint.Builder builder);
}
