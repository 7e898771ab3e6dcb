package dev.monitor.spring.request;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The standard error body for the errors Spring MVC and Spring Security answer, in servlet applications:
 * <ul>
 *   <li>the {@link ErrorBodyErrorController} in place of Spring Boot's {@code BasicErrorController} (404, 405 and every
 *       other status sent to {@code /error}), unless the application has its own {@link ErrorController};
 *   <li>with Spring Security, an {@link ErrorBodyAuthenticationEntryPoint} (401) and an
 *       {@link ErrorBodyAccessDeniedHandler} (403) to plug into the application's {@code SecurityFilterChain}.
 * </ul>
 * Off with {@code monitor.request.error-body=false} (or {@code monitor.request.enabled=false}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnBooleanProperty(name = "monitor.request.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "monitor.request.error-body", matchIfMissing = true)
public final class MonitorErrorBodyAutoConfiguration {

    MonitorErrorBodyAutoConfiguration() {
    }

    /** The error controller, where Spring Boot's error handling of Spring MVC is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.web.servlet.DispatcherServlet",
        "org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController"})
    @EnableConfigurationProperties(WebProperties.class)
    static class ErrorControllerConfiguration {

        @Bean
        @ConditionalOnMissingBean(value = ErrorController.class, search = SearchStrategy.CURRENT)
        ErrorBodyErrorController monitorErrorController(ErrorAttributes errorAttributes, WebProperties webProperties,
                ObjectProvider<ErrorViewResolver> errorViewResolvers) {
            return new ErrorBodyErrorController(errorAttributes, webProperties.getError(),
                    errorViewResolvers.orderedStream().toList());
        }
    }

    /** The 401 and 403 answers of Spring Security. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.security.web.AuthenticationEntryPoint",
        "org.springframework.security.web.access.AccessDeniedHandler"})
    static class SpringSecurityConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ErrorBodyAuthenticationEntryPoint monitorAuthenticationEntryPoint() {
            return new ErrorBodyAuthenticationEntryPoint();
        }

        @Bean
        @ConditionalOnMissingBean
        ErrorBodyAccessDeniedHandler monitorAccessDeniedHandler() {
            return new ErrorBodyAccessDeniedHandler();
        }
    }
}
