package dev.monitor.servlet;

import static dev.monitor.servlet.Conditions.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.monitor.request.RequestMonitor;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The initializer in a real Jetty 12 server: automatic registration, configuration and opt-out. */
class RequestMonitoringInitializerTest {

    private Server server;
    private ServletContextHandler context;

    @BeforeAll
    static void quietJetty() {
        ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.WARN);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theInitializerIsFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(ServletContainerInitializer.class).stream().map(ServiceLoader.Provider::type))
                .contains(RequestMonitoringInitializer.class);
    }

    @Test
    void theInitializerRegistersTheFilterForAllRequestsWithAMonitorTheApplicationCanReach() throws Exception {
        start(context -> { });
        HttpResponse<String> response = get("/any/path");
        assertThat(response.headers().firstValue("X-Request-ID").orElseThrow()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(context.getServletContext().getAttribute(RequestMonitoringFilter.MONITOR_ATTRIBUTE))
                .isInstanceOf(RequestMonitor.class);
    }

    @Test
    void aMonitorPutIntoTheServletContextByAListenerConfiguresTheFilter() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RequestMonitor configured = RequestMonitor.builder().meterRegistry(registry).build();
        start(context -> context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                event.getServletContext().setAttribute(RequestMonitoringFilter.MONITOR_ATTRIBUTE, configured);
            }
        }));
        get("/any/path");
        assertThat(context.getServletContext().getAttribute(RequestMonitoringFilter.MONITOR_ATTRIBUTE)).isSameAs(configured);
        // recorded when the request ends, which may be just after the client has read the answer
        awaitTrue(() -> registry.find("http.server.requests").timer() != null);
        assertThat(registry.get("http.server.requests").timer().count()).isEqualTo(1);
    }

    @Test
    void theContextParameterTurnsTheRegistrationOff() throws Exception {
        start(context -> context.setInitParameter(RequestMonitoringInitializer.ENABLED_PARAMETER, "false"));
        assertThat(get("/any/path").headers().firstValue("X-Request-ID")).isEmpty();
    }

    @Test
    void aFilterRegisteredByHandBesidesTheInitializerTracksEachRequestOnce() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RequestMonitor byHand = RequestMonitor.builder().meterRegistry(registry).build();
        start(context -> {
            context.getServletContext().setAttribute(RequestMonitoringFilter.MONITOR_ATTRIBUTE, byHand);
            FilterHolder filter = new FilterHolder(new RequestMonitoringFilter(byHand));
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        });
        get("/any/path");
        get("/any/path");
        awaitTrue(() -> registry.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum() >= 2);
        assertThat(registry.get("http.server.requests").timers().stream().mapToLong(Timer::count).sum()).isEqualTo(2);
    }

    private void start(Consumer<ServletContextHandler> configure) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context = new ServletContextHandler("/");
        context.addServletContainerInitializer(new RequestMonitoringInitializer());
        context.addServlet(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().write("ok");
            }
        }, "/*");
        configure.accept(context);
        server.setHandler(context);
        server.start();
    }

    private HttpResponse<String> get(String path) throws Exception {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
