package dev.monitor.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo started as a user starts it, with its own logging configuration (logback-spring.xml), every console line
 * read: the start logs no WARN or ERROR line, and a line logged during a request shows its {@code request_id} once.
 * Runs in a JVM of its own (see the pom), so that no other test's application logs at the same time.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringBootExampleStartupTest {

    /** The level in the demo's pattern: {@code HH:mm:ss.SSS LEVEL [thread] logger fields - message}. */
    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN |ERROR) .*");

    @Test
    void theDemoStartsWithoutAWarnOrErrorLineAndARequestsLinesShowItsRequestIdOnce(CapturedOutput output)
            throws Exception {
        // a database of its own, should this class share a JVM with the other tests after all (-Dtest=...)
        try (ConfigurableApplicationContext context = SpringApplication.run(SpringBootExampleApplication.class,
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:mem:orders-startup;DB_CLOSE_DELAY=-1")) {
            String start = output.getOut() + output.getErr();
            List<String> warnings = start.lines().filter(line -> WARN_OR_ERROR.matcher(line).matches()).toList();
            assertThat(warnings).as("WARN and ERROR lines of the start in:%n%s", start).isEmpty();
            assertThat(start).as("the start is read to its end, the start-up backup included")
                    .contains("orders service (Spring Boot) is running", "Backup ");
            assertThat(start).as("no empty request_id outside a request").doesNotContain("request_id=null")
                    .doesNotContain("request_id= ");

            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + port + "/orders/slow"))
                    .header("X-Request-ID", "startup-slow-1").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            // the slow query is logged on the request's thread before the response is written
            List<String> slowQueries = output.getOut().lines().filter(line -> line.contains("Slow query: ")).toList();
            assertThat(slowQueries).singleElement().asString()
                    .matches(line -> line.indexOf("request_id=startup-slow-1") >= 0
                            && line.indexOf("startup-slow-1") == line.lastIndexOf("startup-slow-1"),
                            "shows request_id=startup-slow-1 once")
                    .containsPattern(" duration_ms=\\d+ ");
        }
    }
}
