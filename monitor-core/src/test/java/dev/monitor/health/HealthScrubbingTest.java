package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.health.check.DataSourceHealthCheck;
import dev.monitor.health.check.RequiredTablesHealthCheck;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Health text is scrubbed before it is cut (a secret straddling the cut never shows in part), and details are
 * scrubbed key-aware. Uses the default scrubber through the public API.
 */
class HealthScrubbingTest {

    private static final long SEED = Long.getLong("monitor.test.seed", 0x5EEDL);
    private static final List<String> CARDS = List.of("4111 1111 1111 1111", "4111111111111111", "5555 5555 5555 4444",
            "3782 822463 10005", "4012-8888-8888-1881");
    private static final List<String> EMAILS = List.of("john.doe@example.com", "maria.gonzalez@corp.example.org",
            "x.kowalczyk@mail.example.net");
    private static final String FILLER = "the payment provider rejected the request for the customer while checking "
            + "the stored card against the ledger and the fraud service said ";

    private final HealthRegistry registry = HealthRegistry.builder().reportTimeout(Duration.ofSeconds(30)).build();

    @AfterEach
    void close() {
        registry.close();
    }

    private static String filler(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(FILLER);
        }
        return text.substring(0, length);
    }

    @Test
    void aCardNumberOrEmailStraddlingTheCutNeverLeaksInPart() {
        int cases = 240;
        System.out.println("HealthScrubbingTest.straddling: " + cases + " cases, seed " + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < cases; i++) {
            boolean card = random.nextBoolean();
            String secret = card ? CARDS.get(random.nextInt(CARDS.size())) : EMAILS.get(random.nextInt(EMAILS.size()));
            // starts between 100 and 180 characters in: most straddle the 160-character cut
            String text = filler(100 + random.nextInt(80)) + " " + secret + " and gave up";
            String name = "case-" + i;
            secrets.put(name, secret);
            switch (random.nextInt(3)) {
                case 0 -> registry.register(name, () -> HealthResult.fail(text), noCache());
                case 1 -> registry.register(name, () -> {
                    throw new IllegalStateException(text);
                }, noCache());
                default -> registry.register(name, () -> HealthResult.fail(new SQLException(text + "\nsecond line")),
                        noCache());
            }
        }

        HealthReport report = registry.report();

        for (int i = 0; i < cases; i++) {
            String name = "case-" + i;
            String secret = secrets.get(name);
            String error = report.checks().get(name).error();
            String where = "seed " + SEED + " case " + i + ": " + secret + " -> " + error;
            assertThat(error).as(where).isNotNull().hasSizeLessThanOrEqualTo(160).doesNotContain("\n");
            if (secret.indexOf('@') < 0) {
                assertThat(error).as(where).doesNotContainPattern("[0-9]"); // not one digit of the card
            } else {
                String local = secret.substring(0, secret.indexOf('@'));
                for (String part : local.split("\\.")) {
                    if (part.length() > 1) {
                        assertThat(error).as(where).doesNotContain(part);
                    }
                }
            }
        }
        String json = new String(HealthJsonWriter.write(report, HealthFormat.NATIVE, true), StandardCharsets.UTF_8);
        assertThat(json).doesNotContainPattern("[0-9]{4}[ -]?[0-9]{4}").doesNotContain("john.doe").doesNotContain("gonzalez");
    }

    @Test
    void builtInChecksHandTheirRawFailureToTheRegistryWhichScrubsBeforeItCuts() {
        String message = filler(140) + " 4111 1111 1111 1111 for john.doe@example.com"; // straddles 160
        DataSource failing = (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new SQLException(message);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        registry.register("database", new DataSourceHealthCheck(failing), noCache());

        String error = registry.report().checks().get("database").error();

        assertThat(error).hasSizeLessThanOrEqualTo(160).doesNotContainPattern("[0-9]").doesNotContain("john");
    }

    @Test
    void valuesShownInBuiltInCheckConfigurationErrorsAreScrubbedBeforeTheyAreCut() {
        DataSource unused = (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> null);
        assertThatThrownBy(() -> RequiredTablesHealthCheck.builder(unused).require("orders_" + "x".repeat(55)
                + " john.doe@example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("john.doe").hasMessageNotContaining("john.d");
    }

    @Test
    void sensitiveDetailKeysHaveTheirValuesRedactedWhateverTheyLookLike() {
        registry.register("vault", () -> HealthResult.builder(CheckStatus.PASS)
                .detail("password", "hunter2")
                .detail("client_secret", "plain-words")
                .detail("authToken", 123456789)
                .detail("pool_active", 3)
                .detail("token_count", 7)
                .detail("enabled", true)
                .build());

        Map<String, Object> details = registry.report().checks().get("vault").details();

        assertThat(details.get("password")).isNotEqualTo("hunter2");
        assertThat(details.get("client_secret")).isNotEqualTo("plain-words");
        assertThat(details.get("authToken")).isNotEqualTo(123456789);
        assertThat(details).containsEntry("pool_active", 3).containsEntry("token_count", 7).containsEntry("enabled", true);
        assertThat(details.keySet()).containsExactly("password", "client_secret", "authToken", "pool_active",
                "token_count", "enabled");
    }

    @Test
    void detailKeysAndValuesThatHoldPersonalDataAreScrubbedNumbersToo() {
        registry.register("mailer", () -> HealthResult.builder(CheckStatus.WARN)
                .detail("last failure for john.doe@example.com", "bounced")
                .detail("recipient", "maria.gonzalez@corp.example.org")
                .detail("card", 4111111111111111L)
                .detail("queued", 12)
                .error("slow")
                .build());

        CheckReport entry = registry.report().checks().get("mailer");
        String json = new String(HealthJsonWriter.write(registry.report(), HealthFormat.NATIVE, true),
                StandardCharsets.UTF_8);

        assertThat(entry.details().keySet()).noneMatch(key -> key.contains("john.doe"));
        assertThat(entry.details()).containsValue("bounced").containsEntry("queued", 12);
        assertThat(entry.details().get("recipient")).asString().doesNotContain("maria.gonzalez");
        assertThat(entry.details().get("card")).isNotEqualTo(4111111111111111L);
        assertThat(json).doesNotContain("john.doe").doesNotContain("maria.gonzalez").doesNotContain("4111111111111111");
    }

    @Test
    void detailKeysWithQuotesNewlinesOrMarkupAreWrittenEscaped() {
        String key = "state \"of\" <b>queue</b>\nnext";
        registry.register("queue", () -> HealthResult.builder(CheckStatus.PASS).detail(key, "ok").build());

        byte[] body = HealthJsonWriter.write(registry.report(), HealthFormat.NATIVE, true);
        JsonNode details = new ObjectMapper().readTree(body).get("checks").get("queue").get("details");

        List<String> keys = new ArrayList<>(details.propertyNames());
        assertThat(keys).containsExactly(key);
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("\n");
    }

    private static CheckOptions noCache() {
        return CheckOptions.builder().cacheTtl(Duration.ZERO).timeout(Duration.ofSeconds(10)).build();
    }
}
