package dev.monitor.spring;

import dev.monitor.health.ServiceInfo;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * What every monitor feature shares: the {@link ServiceInfo} that names this service in health reports (and in
 * alerts and error reports), from {@code monitor.service.*}, else {@code spring.application.name}, else the
 * environment variables of {@link ServiceInfo#fromEnvironment()}.
 */
@AutoConfiguration
@EnableConfigurationProperties(MonitorProperties.class)
public final class MonitorAutoConfiguration {

    MonitorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceInfo monitorServiceInfo(MonitorProperties properties, Environment environment) {
        ServiceInfo fromEnvironment = ServiceInfo.fromEnvironment();
        MonitorProperties.Service service = properties.getService();
        String name = service.getName();
        if (name == null) {
            String application = environment.getProperty("spring.application.name");
            name = application != null && !application.isBlank() ? application.strip() : fromEnvironment.service();
        }
        return new ServiceInfo(name, service.getVersion() != null ? service.getVersion() : fromEnvironment.version(),
                service.getEnvironment() != null ? service.getEnvironment() : fromEnvironment.environment());
    }
}
