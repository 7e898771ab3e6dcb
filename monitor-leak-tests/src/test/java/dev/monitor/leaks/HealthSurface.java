package dev.monitor.leaks;

import dev.monitor.health.CheckOptions;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.DetailVisibility;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.health.ServiceInfo;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.servlet.HealthServlet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.ee11.servlet.ServletHolder;

/**
 * {@code /health} on Jetty through {@link HealthServlet}, details shown: error texts (given, thrown, with causes),
 * detail keys and values, the observed value's unit and measurement, in the native body and in
 * {@code application/health+json}; check and group names, which the registry refuses unless they follow the name rule;
 * and the 404 of a planted check or group path.
 */
final class HealthSurface implements Surface {

    /** Where the registry cuts error text, after scrubbing. */
    static final int ERROR_LIMIT = 160;
    /** The most raw error text the registry scrubs; the rest is dropped first. */
    static final int ERROR_INPUT_LIMIT = 16 * 1024;
    private static final String TYPE = "IllegalStateException: ";

    static final Field FAIL_TEXT = Field.value("error: HealthResult.fail(String)", ERROR_LIMIT).near(ERROR_INPUT_LIMIT);
    static final Field WARN_TEXT = Field.value("error: HealthResult.warn(String)");
    static final Field FAIL_EXCEPTION = Field.value("error: HealthResult.fail(Throwable) message",
            ERROR_LIMIT - TYPE.length());
    static final Field THROWN = Field.value("error: message of an exception the check throws");
    static final Field WRAPPED_CAUSE = Field.value("error: cause message through CompletionException")
            .near(ERROR_LIMIT - TYPE.length());
    static final Field PLAIN_CAUSE = Field.value("error: cause message of a plain wrapper").hidden();
    static final Field DETAIL_KEY = Field.key("detail key");
    static final Field DETAIL_VALUE = Field.value("detail value");
    static final Field SENSITIVE_DETAIL = Field.value("detail value under a sensitive key").hidden();
    static final Field UNIT = Field.value("observed value unit");
    static final Field MEASUREMENT = Field.key("observed value measurement");
    /** Names are refused unless they follow the name rule; the refusal shows the value scrubbed, cut to 80. */
    static final Field CHECK_NAME = Field.value("check name", 80);
    static final Field GROUP_NAME = Field.value("group name", 80);
    static final Field PATH = Field.value("path of a 404 (/health/checks/NAME, /health/GROUP)").hidden();

    private final Loopback loopback;
    private final HealthRegistry registry = HealthRegistry.builder()
            .service(new ServiceInfo("orders", "1.4.2", "production")).build();
    private final PiiSamples samples;

    HealthSurface(Loopback loopback, Random random) {
        this.loopback = loopback;
        this.samples = new PiiSamples(random);
        ServletHolder servlet = new ServletHolder(HealthServlet.builder(registry).visibility(DetailVisibility.ALWAYS).build());
        servlet.setAsyncSupported(true);
        loopback.servlets().addServlet(servlet, "/health/*");
    }

    @Override
    public String name() {
        return "health";
    }

    @Override
    public List<Field> fields() {
        return List.of(FAIL_TEXT, WARN_TEXT, FAIL_EXCEPTION, THROWN, WRAPPED_CAUSE, PLAIN_CAUSE, DETAIL_KEY, DETAIL_VALUE,
                SENSITIVE_DETAIL, UNIT, MEASUREMENT, CHECK_NAME, GROUP_NAME, PATH);
    }

    @Override
    public int batchSize() {
        return 24;
    }

    @Override
    public Drive drive(List<Planting> batch) throws Exception {
        Drive drive = new Drive();
        List<String> registered = new ArrayList<>();
        int size = 0;
        for (Planting planting : batch) {
            String text = planting.text();
            Field field = planting.field();
            try {
                if (field == PATH) {
                    String path = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
                    drive.output("GET /health/checks/{planted}", loopback.get("/health/checks/" + path, Map.of()));
                    drive.output("GET /health/{planted}", loopback.get("/health/" + path, Map.of()));
                    continue;
                }
                String name = "leak-" + planting.index();
                CheckOptions.Builder options = CheckOptions.builder().cacheTtl(java.time.Duration.ZERO);
                if (field == GROUP_NAME) {
                    options.groups(text);
                }
                if (field == CHECK_NAME) {
                    name = text;
                }
                HealthCheck check = check(planting);
                registry.register(name, check, options.build());
                registered.add(name);
                // a body over 10 KiB drops details and shortens errors: report before this one would
                size += 700 + (field.limits().isEmpty() ? text.length() : 0);
                if (size > 8_000) {
                    report(drive, registered);
                    size = 0;
                }
            } catch (IllegalArgumentException refused) {
                drive.refused(planting, refused);
            }
        }
        report(drive, registered);
        return drive;
    }

    /** Both formats of the report of {@code registered}, which are then unregistered. */
    private void report(Drive drive, List<String> registered) throws Exception {
        if (registered.isEmpty()) {
            return;
        }
        drive.output("GET /health (application/json)", loopback.get("/health", Map.of("Accept", "application/json")));
        drive.output("GET /health (application/health+json)",
                loopback.get("/health", Map.of("Accept", "application/health+json")));
        registered.forEach(registry::unregister);
        registered.clear();
    }

    /** A check reporting the planted value in the field of {@code planting}; a value refused here is refused now. */
    private HealthCheck check(Planting planting) {
        String text = planting.text();
        Field field = planting.field();
        if (field == THROWN) {
            return () -> {
                throw new IllegalStateException(text);
            };
        }
        HealthResult result;
        if (field == FAIL_TEXT) {
            result = HealthResult.fail(text);
        } else if (field == WARN_TEXT) {
            result = HealthResult.warn(text);
        } else if (field == FAIL_EXCEPTION) {
            result = HealthResult.fail(new IllegalStateException(text));
        } else if (field == WRAPPED_CAUSE) {
            result = HealthResult.fail(new CompletionException(new IllegalStateException(text)));
        } else if (field == PLAIN_CAUSE) {
            result = HealthResult.fail(new RuntimeException("lookup failed", new IllegalStateException(text)));
        } else if (field == DETAIL_KEY) {
            result = HealthResult.builder(CheckStatus.WARN).detail(text, 1).build();
        } else if (field == DETAIL_VALUE) {
            result = HealthResult.builder(CheckStatus.WARN).detail("note", text).build();
        } else if (field == SENSITIVE_DETAIL) {
            result = HealthResult.builder(CheckStatus.WARN).detail(samples.sensitiveKey(), text).build();
        } else if (field == UNIT) {
            result = HealthResult.builder(CheckStatus.PASS).observed("queueDepth", 12, text).build();
        } else if (field == MEASUREMENT) {
            result = HealthResult.builder(CheckStatus.PASS).observed(text, 12, "items").build();
        } else {
            result = HealthResult.fail("unrelated");
        }
        return () -> result;
    }
}
