package dev.monitor.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Registers {@link RequestMonitoringFilter} for {@code /*} (dispatcher types {@code REQUEST},
 * {@code ASYNC} and {@code ERROR}, async supported, before the filters declared in {@code web.xml}),
 * found through {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}.
 *
 * <p>Turn it off with the context parameter {@value #ENABLED_PARAMETER}{@code =false}, e.g. to register
 * the filter by hand. Nothing is registered if a filter named {@value #FILTER_NAME} already exists.
 * Configure the filter by putting a {@link dev.monitor.request.RequestMonitor} into the servlet-context
 * attribute {@value RequestMonitoringFilter#MONITOR_ATTRIBUTE} from a {@code ServletContextListener}.
 */
public final class RequestMonitoringInitializer implements ServletContainerInitializer {

    /** Context parameter that turns the automatic registration off when {@code false}. */
    public static final String ENABLED_PARAMETER = "dev.monitor.request.filter.enabled";
    /** The name under which the filter is registered. */
    public static final String FILTER_NAME = "monitorRequestFilter";

    /** Called by the container through the service loader. */
    public RequestMonitoringInitializer() {
    }

    @Override
    public void onStartup(@Nullable Set<Class<?>> classes, ServletContext context) {
        String enabled = context.getInitParameter(ENABLED_PARAMETER);
        if (enabled != null && enabled.strip().equalsIgnoreCase("false")) {
            return;
        }
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, RequestMonitoringFilter.class);
        if (registration == null) {
            return; // the application registered a filter of that name itself
        }
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR), false, "/*");
    }
}
