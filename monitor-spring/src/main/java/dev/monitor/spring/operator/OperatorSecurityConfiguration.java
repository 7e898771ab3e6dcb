package dev.monitor.spring.operator;

import dev.monitor.spring.request.ErrorBodyAccessDeniedHandler;
import dev.monitor.spring.request.ErrorBodyAuthenticationEntryPoint;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * With Spring Security, the operator endpoints' own filter chain, matching only them
 * ({@code EndpointRequest.to(...)} of the endpoints the starter created), so the application's chains keep everything
 * else: an authenticated principal (HTTP Basic, against the application's users) with role
 * {@code monitor.operator.role} may read and act, with {@code monitor.operator.read-role} only read; 401 and 403
 * answer the standard error body. Ordered first ({@link #ORDER}) so that an application chain that matches any
 * request, published last as Spring Security requires, does not hide it. Off with
 * {@code monitor.operator.security.enabled=false} or a bean named {@code monitorOperatorSecurityFilterChain}; the
 * endpoints still check the roles of whoever the application's chain lets in.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"org.springframework.security.web.SecurityFilterChain",
        "org.springframework.security.config.annotation.web.builders.HttpSecurity",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest"})
@ConditionalOnBean(type = "org.springframework.security.config.annotation.web.builders.HttpSecurity")
@ConditionalOnBooleanProperty(name = "monitor.operator.security.enabled", matchIfMissing = true)
class OperatorSecurityConfiguration {

    /** The order of the operator chain: before the application's chains. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    @Order(ORDER)
    @ConditionalOnMissingBean(name = "monitorOperatorSecurityFilterChain")
    SecurityFilterChain monitorOperatorSecurityFilterChain(HttpSecurity http, MonitorOperatorProperties properties,
            ListableBeanFactory beans) throws Exception {
        if (properties.hasTokens()) {
            throw new IllegalStateException("monitor.operator.tokens and monitor.operator.read-only-tokens are for "
                    + "applications without Spring Security; with it, operators sign in through Spring Security with role "
                    + properties.getRole() + ". Remove the tokens, or set monitor.operator.security.enabled=false and let"
                    + " your own filter chain pass the operator endpoints through to the tokens");
        }
        List<String> ids = MonitorOperatorAutoConfiguration.createdIds(beans);
        String role = properties.getRole();
        String readRole = properties.getReadRole();
        ErrorBodyAuthenticationEntryPoint unauthorized = new ErrorBodyAuthenticationEntryPoint()
                .withChallenge("Basic realm=\"monitor-operator\"");
        ErrorBodyAccessDeniedHandler forbidden = new ErrorBodyAccessDeniedHandler();
        return http.securityMatcher(ids.isEmpty() ? request -> false : EndpointRequest.to(ids.toArray(String[]::new)))
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET).hasAnyRole(role, readRole)
                        .anyRequest().hasRole(role))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                // stateless: no session, so no session cookie; every request carries its credentials
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // CSRF protection guards what a browser sends on its own, cookies above all. These endpoints set none,
                // and the one credential a browser attaches by itself, a cached HTTP Basic login, cannot reach a write:
                // every POST must be Content-Type: application/json (OperatorRequestFilter, 415 otherwise), which a
                // cross-site form or no-CORS fetch cannot send, and DELETE needs a CORS preflight that is never granted.
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
