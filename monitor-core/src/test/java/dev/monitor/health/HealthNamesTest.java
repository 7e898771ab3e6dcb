package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.config.Names;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Check and group names reach URLs ({@code /health/checks/{name}}), logs, metric tags, JSON and HTML: they follow
 * {@link Names#requireName} wherever they are given.
 */
class HealthNamesTest {

    private static final long SEED = Long.getLong("monitor.test.seed", 0x5EEDL);

    private final HealthRegistry registry = HealthRegistry.builder().build();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void checkNamesWithNewlinesOrMarkupAreRefusedAtRegistration() {
        for (String name : List.of("db\nINFO all good", "<script>alert(1)</script>", "orders db", "../admin", "db\u0000",
                "\u00fcber", "-db", "", "x".repeat(65))) {
            assertThatThrownBy(() -> registry.register(name, HealthResult::pass)).as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("health check name must be 1-64 characters of ASCII letters, digits");
        }
        assertThat(registry.names()).isEmpty();
        assertThatCode(() -> registry.register("orders.db-primary_2", HealthResult::pass)).doesNotThrowAnyException();
    }

    @Test
    void generatedCheckNamesAreAcceptedExactlyWhenTheyFollowTheNameRule() {
        int cases = 500;
        System.out.println("HealthNamesTest: " + cases + " cases, seed " + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        String alphabet = "abcXYZ019.-_ :/<>\"'&\n\r\t\u0000\u00e9\u202e\ud83d\ude00";
        for (int i = 0; i < cases; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(8) == 0 ? 60 + random.nextInt(10) : random.nextInt(6);
            for (int k = 0; k < length; k++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = name.toString();
            String where = "seed " + SEED + " case " + i + ": '" + candidate.replace("\n", "\\n") + "'";
            if (Names.isValidName(candidate) && !registry.contains(candidate)) {
                assertThatCode(() -> registry.register(candidate, HealthResult::pass)).as(where).doesNotThrowAnyException();
            } else if (!Names.isValidName(candidate)) {
                assertThatThrownBy(() -> registry.register(candidate, HealthResult::pass)).as(where)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("health check name must be");
            }
        }
        assertThat(registry.names()).allMatch(Names::isValidName);
    }

    public static class MarkupName {
        @HealthCheckMethod(name = "pay<b>ments</b>")
        public boolean payments() {
            return true;
        }
    }

    public static class NewlineName {
        @HealthCheckMethod(name = "stripe\nWARN forged log line")
        public boolean stripe() {
            return true;
        }
    }

    public static class DerivedName {
        @HealthCheckMethod
        public boolean caf\u00e9Open() {
            return true;
        }

        @HealthCheckMethod
        public boolean $ledger() {
            return true;
        }
    }

    @Test
    void annotatedCheckNamesGivenOrDerivedFromTheMethodFollowTheNameRule() {
        assertThatThrownBy(() -> registry.registerAnnotated(new MarkupName()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MarkupName.payments() has an invalid name: health check name must be");
        assertThatThrownBy(() -> registry.registerAnnotated(new NewlineName()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NewlineName.stripe() has an invalid name: health check name")
                .hasMessageContaining("stripe\\u000aWARN");
        assertThatThrownBy(() -> registry.registerAnnotated(new DerivedName()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DerivedName.caf\u00e9Open() has an invalid name: health check name")
                .hasMessageContaining("DerivedName.$ledger() has an invalid name: health check name")
                .hasMessageContaining("set @HealthCheckMethod(name = ...)");
        assertThat(registry.names()).isEmpty();
    }

    @Test
    void customGroupNamesFollowTheNameRule() {
        for (String name : List.of("search tier", "<b>", "tier\n2", "", "-x", "x".repeat(65))) {
            assertThatThrownBy(() -> HealthGroup.of(name)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("health group name must be 1-64 characters");
        }
        assertThat(HealthGroup.of("Search.Tier-2").name()).isEqualTo("Search.Tier-2");
        assertThat(HealthGroup.of("ready")).isSameAs(HealthGroup.READY);
    }
}
