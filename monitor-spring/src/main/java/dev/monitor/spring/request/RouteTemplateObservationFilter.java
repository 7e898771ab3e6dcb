package dev.monitor.spring.request;

import dev.monitor.pii.Scrubber;
import dev.monitor.servlet.RequestMonitoringFilter;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Gives Spring Boot's {@code http.server.requests} observation the route template that a servlet outside Spring MVC
 * set with {@link RequestMonitoringFilter#setRoute} (the health, status, job check-in and operator servlets), where
 * Spring's convention would tag {@code uri=UNKNOWN}: the same {@code uri} as the request filter's own meters. A route
 * Spring MVC matched is left alone, and so is an observation without a {@code uri} key (a custom convention).
 */
final class RouteTemplateObservationFilter implements ObservationFilter {

    private static final String URI = "uri";
    private static final int MAX_ROUTE_LENGTH = 200;

    private final Scrubber scrubber;

    RouteTemplateObservationFilter(Scrubber scrubber) {
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    }

    @Override
    public Observation.Context map(Observation.Context context) {
        if (context instanceof ServerRequestObservationContext server && server.getPathPattern() == null
                && server.getLowCardinalityKeyValue(URI) != null) {
            HttpServletRequest request = server.getCarrier();
            if (request != null && request.getAttribute(RequestMonitoringFilter.ROUTE_ATTRIBUTE) instanceof String route
                    && !route.isEmpty()) {
                server.addLowCardinalityKeyValue(KeyValue.of(URI, scrubber.scrub(route, MAX_ROUTE_LENGTH)));
            }
        }
        return context;
    }
}
