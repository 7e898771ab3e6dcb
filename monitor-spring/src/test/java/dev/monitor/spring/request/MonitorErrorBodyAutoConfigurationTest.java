package dev.monitor.spring.request;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.AuthenticationEntryPoint;

class MonitorErrorBodyAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorErrorBodyAutoConfiguration.class,
                    DispatcherServletAutoConfiguration.class, ErrorMvcAutoConfiguration.class));

    @Test
    void defaultsReplaceSpringBootsErrorControllerAndOfferTheSecurityHandlers() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ErrorController.class).hasSingleBean(ErrorBodyErrorController.class)
                    .hasSingleBean(ErrorBodyAuthenticationEntryPoint.class).hasSingleBean(ErrorBodyAccessDeniedHandler.class);
            assertThat(context.getBean(ErrorController.class)).isInstanceOf(BasicErrorController.class); // HTML stays Boot's
        });
    }

    @Test
    void anErrorControllerOfTheApplicationWins() {
        runner.withUserConfiguration(OwnErrorController.class).run(context -> {
            assertThat(context).hasSingleBean(ErrorController.class).doesNotHaveBean(ErrorBodyErrorController.class);
            assertThat(context.getBean(ErrorController.class)).isInstanceOf(OwnErrorController.Own.class);
        });
    }

    @Test
    void errorBodyFalseOrRequestMonitoringOffLeavesSpringBootsController() {
        runner.withPropertyValues("monitor.request.error-body=false").run(context -> assertThat(context)
                .doesNotHaveBean(ErrorBodyErrorController.class).doesNotHaveBean(ErrorBodyAuthenticationEntryPoint.class)
                .hasSingleBean(BasicErrorController.class));
        runner.withPropertyValues("monitor.request.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(ErrorBodyErrorController.class).hasSingleBean(BasicErrorController.class));
    }

    @Test
    void withoutSpringSecurityTheHandlersGoAndTheControllerStays() {
        runner.withClassLoader(new FilteredClassLoader(AuthenticationEntryPoint.class)).run(context -> assertThat(context)
                .hasSingleBean(ErrorBodyErrorController.class).doesNotHaveBean(ErrorBodyAuthenticationEntryPoint.class)
                .doesNotHaveBean(ErrorBodyAccessDeniedHandler.class));
    }

    @Test
    void outsideAWebApplicationNothingIsConfigured() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MonitorErrorBodyAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ErrorBodyErrorController.class)
                        .doesNotHaveBean(ErrorBodyAuthenticationEntryPoint.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnErrorController {
        @Bean
        Own ownErrorController() {
            return new Own();
        }

        static final class Own implements ErrorController {
            ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
                return ResponseEntity.ok(Map.of());
            }
        }
    }
}
