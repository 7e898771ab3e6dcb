package dev.monitor.spring.request;

import dev.monitor.request.RequestMonitor;

/**
 * Adjusts the {@link RequestMonitor} built by the starter, after the {@code monitor.request.*} properties were
 * applied (e.g. a clock or a message scrubber). Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order @Order}. Observers and security-event listeners need no
 * customizer: beans of type {@link dev.monitor.request.RequestObserver} and
 * {@link dev.monitor.request.SecurityEventListener} are attached automatically.
 *
 * <pre>{@code
 * @Bean
 * RequestMonitorCustomizer slowerRequests() {
 *     return builder -> builder.slowRequestThreshold(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RequestMonitorCustomizer {

    /** Adjusts the builder; called once, when the monitor bean is created. */
    void customize(RequestMonitor.Builder builder);
}
