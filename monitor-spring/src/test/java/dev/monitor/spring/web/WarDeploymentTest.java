package dev.monitor.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.request.RequestObserver;
import dev.monitor.servlet.RequestMonitoringInitializer;
import jakarta.servlet.ServletContainerInitializer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.SpringServletContainerInitializer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The starter in a WAR deployment: a Spring Boot application started by a standalone Tomcat through Spring's
 * {@code ServletContainerInitializer} and a {@link SpringBootServletInitializer}, with the servlet module's own
 * {@link RequestMonitoringInitializer} also found by the container, in either order (the container's order of
 * initializers is unspecified). Either way every request passes one monitoring filter, once, and that filter uses the
 * application's {@code RequestMonitor} bean (its observer beans see the requests).
 */
class WarDeploymentTest {

    /** Requests seen by the application's observer bean; static: the application is created by the container. */
    static final List<String> OBSERVED = new CopyOnWriteArrayList<>();

    @TempDir
    Path base;

    private Tomcat tomcat;

    @AfterEach
    void stop() throws LifecycleException {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
        OBSERVED.clear();
    }

    @ParameterizedTest(name = "monitor's initializer first: {0}")
    @ValueSource(booleans = {true, false})
    void oneFilterOnceWithTheApplicationsMonitorWhicheverInitializerRunsFirst(boolean monitorsFirst) throws Exception {
        ServletContainerInitializer spring = new SpringServletContainerInitializer();
        ServletContainerInitializer monitors = new RequestMonitoringInitializer();
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        File docBase = Files.createDirectories(base.resolve("webapp")).toFile();
        Context context = tomcat.addContext("", docBase.getAbsolutePath());
        if (monitorsFirst) {
            context.addServletContainerInitializer(monitors, null);
            context.addServletContainerInitializer(spring, Set.of(WarApplication.class));
        } else {
            context.addServletContainerInitializer(spring, Set.of(WarApplication.class));
            context.addServletContainerInitializer(monitors, null);
        }
        tomcat.start();
        int port = tomcat.getConnector().getLocalPort();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/hello")).header("X-Request-ID", "war-1").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello war-1");
        assertThat(response.headers().allValues("X-Request-ID")).containsExactly("war-1");
        assertThat(OBSERVED).containsExactly("war-1"); // one filter, once, with the application's monitor
    }

    /** The WAR's entry point, as an application deployed to an external container has it. */
    public static class WarApplication extends SpringBootServletInitializer {
        @Override
        protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
            return builder.sources(Application.class).properties("monitor.health.disk.enabled=false",
                    "spring.autoconfigure.exclude=" + StarterWebApplicationTest.SECURITY_AUTO_CONFIGURATIONS);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(HelloController.class)
    static class Application {
        @Bean
        RequestObserver warObserver() {
            return request -> {
                OBSERVED.add(request.requestId());
                return null;
            };
        }
    }

    @RestController
    static class HelloController {
        @GetMapping("/hello")
        String hello() {
            return "hello " + dev.monitor.request.RequestContext.currentRequestId();
        }
    }
}
