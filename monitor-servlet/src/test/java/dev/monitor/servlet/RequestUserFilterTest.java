package dev.monitor.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.TrackedRequest;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Objects;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * {@link RequestUserFilter} on a real Jetty server, behind a stand-in for an authentication filter that runs after
 * the monitoring filter (as Spring Security's chain does): it wraps the request so that {@code getUserPrincipal()}
 * answers the user named by a test header.
 */
class RequestUserFilterTest {

    private final RequestMonitor monitor = RequestMonitor.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(new FilterHolder(new RequestMonitoringFilter(monitor)), "/app/*", requests);
        context.addFilter(new FilterHolder(new LaterAuthentication()), "/*", requests);
        context.addFilter(new FilterHolder(new RequestUserFilter()), "/*", requests);
        context.addServlet(new ServletHolder(new UserIdServlet()), "/*");
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void aUserAuthenticatedByALaterFilterIsTheRequestsUserForTheRestOfIt() throws Exception {
        HttpResponse<String> response = get("/app/me", "alice");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(expectedId("alice")).matches("[0-9a-f]{16}");
    }

    @Test
    void withoutAPrincipalNoUserIsSet() throws Exception {
        assertThat(get("/app/me", null).body()).isEqualTo("<none>");
    }

    @Test
    void aPrincipalThatFailsLeavesTheUserUnsetAndTheRequestGoesOn() throws Exception {
        HttpResponse<String> response = get("/app/me", "throwing");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<none>");
    }

    @Test
    void outsideAMonitoredRequestItDoesNothing() throws Exception {
        HttpResponse<String> response = get("/plain", "alice");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<none>");
    }

    private String expectedId(String user) {
        TrackedRequest request = monitor.start("GET", null, null);
        try {
            return Objects.requireNonNull(request.identifyUser(user));
        } finally {
            request.end(200);
        }
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path));
        if (user != null) {
            request.header("X-Test-User", user);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Authenticates from a test header, after the monitoring filter, by wrapping the request. */
    private static final class LaterAuthentication implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String user = http.getHeader("X-Test-User");
            if (user == null) {
                chain.doFilter(request, response);
                return;
            }
            Principal principal = "throwing".equals(user) ? () -> {
                throw new IllegalStateException("no name for this principal");
            } : () -> user;
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }
            }, response);
        }
    }

    /** Answers the request's user id from the MDC. */
    private static final class UserIdServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String userId = RequestContext.currentUserId();
            response.getWriter().write(userId == null ? "<none>" : userId);
        }
    }
}
