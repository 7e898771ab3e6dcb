package dev.monitor.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.HealthRegistry;
import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.request.RequestMonitor;
import dev.monitor.spring.health.MonitorHealthProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the configuration metadata the build generated into this module's classes (what an IDE reads from the jar):
 * every {@code monitor.*} property is described, typed and, where it has one, carries its default.
 */
class ConfigurationMetadataTest {

    private static final Map<String, JsonNode> properties = new HashMap<>();
    private static JsonNode metadata;

    @BeforeAll
    static void readTheGeneratedMetadata() throws Exception {
        metadata = JsonMapper.builder().build().readTree(read("META-INF/spring-configuration-metadata.json"));
        for (JsonNode property : metadata.get("properties")) {
            properties.put(property.get("name").asString(), property);
        }
    }

    @Test
    void everyMonitorPropertyHasADescriptionAndAType() {
        assertThat(properties).hasSizeGreaterThan(50);
        // besides monitor.*, the processor describes the access of the operator endpoints, as of Actuator's own
        assertThat(properties.keySet()).allMatch(name -> name.startsWith("monitor.")
                || name.matches("management\\.endpoint\\.(alerts|silences|maintenance|incidents|jobs)\\.access"));
        properties.forEach((name, property) -> {
            assertThat(property.path("description").asString("")).as(name).hasSizeGreaterThan(15);
            assertThat(property.path("type").asString("")).as(name).isNotEmpty();
        });
    }

    @Test
    void everyFeatureHasItsEnabledSwitchDefaultingToTrue() {
        for (String feature : List.of("health", "request", "jdbc", "pii", "actuator")) {
            assertThat(properties.get("monitor." + feature + ".enabled").get("defaultValue").asBoolean()).as(feature).isTrue();
        }
    }

    @Test
    void defaultsMatchTheLibrarysOwnDefaults() {
        assertThat(defaultOf("monitor.health.report-timeout")).isEqualTo(seconds(HealthRegistry.DEFAULT_REPORT_TIMEOUT.toSeconds()));
        assertThat(defaultOf("monitor.jdbc.slow-threshold")).isEqualTo(seconds(MonitoredDataSource.DEFAULT_SLOW_THRESHOLD.toSeconds()));
        assertThat(defaultOf("monitor.jdbc.slow-acquisition-threshold"))
                .isEqualTo(MonitoredDataSource.DEFAULT_SLOW_ACQUISITION_THRESHOLD.toMillis() + "ms");
        assertThat(defaultOf("monitor.jdbc.repeated-query-threshold"))
                .isEqualTo(String.valueOf(MonitoredDataSource.DEFAULT_REPEATED_QUERY_THRESHOLD));
        assertThat(defaultOf("monitor.jdbc.max-sql-length")).isEqualTo(String.valueOf(MonitoredDataSource.DEFAULT_MAX_SQL_LENGTH));
        assertThat(defaultOf("monitor.request.slow-threshold"))
                .isEqualTo(seconds(RequestMonitor.DEFAULT_SLOW_REQUEST_THRESHOLD.toSeconds()));
        assertThat(defaultOf("monitor.request.metrics.max-tag-sets")).isEqualTo(String.valueOf(RequestMonitor.DEFAULT_MAX_TAG_SETS));
        assertThat(defaultOf("monitor.request.auth-failures.threshold"))
                .isEqualTo(String.valueOf(RequestMonitor.DEFAULT_AUTH_FAILURE_THRESHOLD));
        assertThat(defaultOf("monitor.request.auth-failures.window")).isEqualTo("1m");
        assertThat(defaultOf("monitor.request.auth-failures.max-tracked-clients"))
                .isEqualTo(String.valueOf(RequestMonitor.DEFAULT_MAX_TRACKED_CLIENTS));
        assertThat(defaultOf("monitor.health.endpoint.show-details")).isEqualTo("when-authorized");
        assertThat(properties.get("monitor.health.endpoint.paths").get("defaultValue").get(0).asString()).isEqualTo("/health");
        assertThat(defaultOf("monitor.health.database.critical")).isEqualTo("true");
        assertThat(defaultOf("monitor.health.mail.critical")).isEqualTo("false");
        assertThat(defaultOf("monitor.request.metrics.timer")).isEqualTo("auto");
        // the values in the classes are the ones documented
        MonitorHealthProperties health = new MonitorHealthProperties();
        assertThat(health.getDatabase().isCritical()).isTrue();
        assertThat(health.getDatabase().getTimeout()).hasSeconds(2);
        assertThat(health.getMail().isCritical()).isFalse();
        assertThat(health.getDisk().isCritical()).isFalse();
        assertThat(health.getEndpoint().getPaths()).containsExactly("/health");
    }

    @Test
    void theModesMapOffersTheBuiltInKindsAsHints() {
        JsonNode hint = null;
        for (JsonNode candidate : metadata.get("hints")) {
            if (candidate.get("name").asString().equals("monitor.pii.modes.keys")) {
                hint = candidate;
            }
        }
        assertThat(hint).isNotNull();
        assertThat(hint.get("values").size()).isEqualTo(dev.monitor.pii.PiiKind.builtIn().size());
    }

    @Test
    void everyListedAutoConfigurationIsAPublicFinalAutoConfiguration() throws Exception {
        String imports = read("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        List<String> classes = imports.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        assertThat(classes).hasSize(16);
        for (String name : classes) {
            Class<?> type = Class.forName(name);
            assertThat(java.lang.reflect.Modifier.isPublic(type.getModifiers())).as(name).isTrue();
            assertThat(java.lang.reflect.Modifier.isFinal(type.getModifiers())).as(name).isTrue();
            assertThat(type.isAnnotationPresent(AutoConfiguration.class)).as(name).isTrue();
        }
    }

    private static String defaultOf(String name) {
        return properties.get(name).get("defaultValue").asString();
    }

    private static String seconds(long seconds) {
        return seconds + "s";
    }

    /** A resource of the directory or jar holding this module's classes, not of another jar on the class path. */
    private static String read(String resource) throws IOException {
        URL location = MonitorHealthProperties.class.getProtectionDomain().getCodeSource().getLocation();
        Path path = Path.of(java.net.URI.create(location.toString()));
        if (Files.isDirectory(path)) {
            return Files.readString(path.resolve(resource));
        }
        try (JarFile jar = new JarFile(path.toFile()); InputStream in = jar.getInputStream(jar.getEntry(resource))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
