package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthFormat;
import dev.monitor.health.HealthJsonWriter;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthReport;
import dev.monitor.health.HealthStatus;
import dev.monitor.health.ServiceInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in checks registered together in a real registry and rendered by its JSON writer. */
class BuiltInChecksInRegistryTest {

    @TempDir
    Path directory;

    @Test
    void builtInChecksRunTogetherAndRenderWithoutPathsOrStackTraces() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:registry-checks;DB_CLOSE_DELAY=-1");
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"healthy\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        Files.write(directory.resolve("orders.dump"), new byte[2048]);
        try (Connection connection = h2.getConnection();
                Statement statement = connection.createStatement();
                ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                HealthRegistry registry = HealthRegistry.builder().reportTimeout(Duration.ofMinutes(1))
                        .service(new ServiceInfo("orders", "1.0.0", "test")).build()) {
            statement.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
            int closedPort = HttpEndpointHealthCheckTest.closedPort();
            // nine real checks at once on a busy machine: deadlines (the checks' own and the registry's) that only
            // guard against a hang, so every check answers with what it found, not with a timeout
            Duration generous = Duration.ofSeconds(30);
            CheckOptions required = CheckOptions.builder().timeout(Duration.ofMinutes(1)).build();
            CheckOptions optional = CheckOptions.from(required).critical(false).build();

            registry.register("database", DataSourceHealthCheck.builder(h2).validationQuery("SELECT 1").timeout(generous)
                    .build(), required);
            registry.register("schema", RequiredTablesHealthCheck.builder(h2).require("orders").timeout(generous).build(),
                    required);
            registry.register("disk", DiskSpaceHealthCheck.builder(directory).failBelowBytes(1).build(), required);
            registry.register("heap", HeapMemoryHealthCheck.builder().warnAtPercent(100).failAtPercent(100).build(), required);
            registry.register("deadlocks", new DeadlockedThreadsHealthCheck(), required);
            registry.register("backup", BackupFreshnessHealthCheck.builder(directory, Duration.ofHours(1))
                    .glob("*.dump").build(), required);
            registry.register("payments", HttpEndpointHealthCheck.builder(
                    URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/health"))
                    .expectKeyword("healthy").timeout(generous).build(), required);
            registry.register("cache", TcpConnectHealthCheck.builder("127.0.0.1", listening.getLocalPort()).timeout(generous)
                    .build(), required);
            registry.register("mail", SmtpHealthCheck.builder("127.0.0.1", closedPort).timeout(generous).build(), optional);

            HealthReport report = registry.report();

            assertThat(report.checks()).hasSize(9);
            assertThat(report.checks().get("mail").status()).isEqualTo(CheckStatus.FAIL);
            assertThat(report.checks().values()).filteredOn(check -> !check.name().equals("mail"))
                    .allSatisfy(check -> assertThat(check.status()).as(check.name() + ": " + check.error())
                            .isEqualTo(CheckStatus.PASS));
            assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);

            for (HealthFormat format : HealthFormat.values()) {
                String json = new String(HealthJsonWriter.write(report, format, true), StandardCharsets.UTF_8);
                assertThat(json).contains("cannot connect to 127.0.0.1:" + closedPort)
                        .doesNotContain(directory.toString())
                        .doesNotContain("\\tat ").doesNotContain("Exception\\n");
            }
            String ietf = new String(HealthJsonWriter.write(report, HealthFormat.HEALTH_JSON, true), StandardCharsets.UTF_8);
            assertThat(ietf).contains("\"disk:freeBytes\"", "\"payments:responseTime\"", "\"backup:age\"");
        } finally {
            http.stop(0);
        }
    }
}
