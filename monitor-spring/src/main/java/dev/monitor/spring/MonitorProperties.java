package dev.monitor.spring;

import dev.monitor.spring.internal.PropertyChecks;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Properties shared by every feature, under {@code monitor}: who the service is. Each feature has its own
 * group under {@code monitor.<feature>}.
 */
@ConfigurationProperties("monitor")
public class MonitorProperties implements Validator {

    /** Who the service is, in health reports and (later) alerts and error reports. */
    private final Service service = new Service();

    /**
     * Where the state replicas share is kept: "local" (default; each instance on its own) or "jdbc" (the application's
     * DataSource, with monitor.fleet.*: uptime checks run once per fleet, each notification is sent once per fleet).
     */
    private Store store = Store.LOCAL;

    /** Who the service is. */
    public Service getService() {
        return service;
    }

    /** Where shared state is kept. */
    public Store getStore() {
        return store;
    }

    /** Sets where shared state is kept. */
    public void setStore(Store store) {
        this.store = store;
    }

    /** Where the state replicas share is kept. */
    public enum Store {
        /** Each instance on its own (MonitorStore.local()). */
        LOCAL,
        /** The application's database (JdbcMonitorStore). */
        JDBC
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorProperties.class.isAssignableFrom(type);
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public void validate(Object target, Errors errors) {
        PropertyChecks checks = new PropertyChecks("monitor", errors);
        String name = ((MonitorProperties) target).service.name;
        if (name != null && name.isBlank()) {
            checks.reject("service.name", name, "must not be blank (leave it unset to use spring.application.name)");
        }
    }

    /** Identifies the service. */
    public static class Service {

        /**
         * Service name. Defaults to spring.application.name, else the SERVICE_NAME environment variable, else
         * "application".
         */
        private @Nullable String name;

        /** Running version. Defaults to the RELEASE_VERSION or VERSION environment variable. */
        private @Nullable String version;

        /**
         * Deployment environment, e.g. "production". Defaults to the ENVIRONMENT or ENV environment variable.
         */
        private @Nullable String environment;

        /** Service name; null means the default. */
        public @Nullable String getName() {
            return name;
        }

        /** Sets the service name. */
        public void setName(@Nullable String name) {
            this.name = name;
        }

        /** Running version; null means the default. */
        public @Nullable String getVersion() {
            return version;
        }

        /** Sets the running version. */
        public void setVersion(@Nullable String version) {
            this.version = version;
        }

        /** Deployment environment; null means the default. */
        public @Nullable String getEnvironment() {
            return environment;
        }

        /** Sets the deployment environment. */
        public void setEnvironment(@Nullable String environment) {
            this.environment = environment;
        }
    }
}
