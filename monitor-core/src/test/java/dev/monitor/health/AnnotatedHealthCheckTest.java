package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnnotatedHealthCheckTest {

    private final HealthRegistry registry = HealthRegistry.builder().build();

    @AfterEach
    void close() {
        registry.close();
    }

    public static class PaymentChecks {
        public volatile boolean stripeUp = true;

        @HealthCheckMethod(name = "stripe", critical = false, timeoutMillis = 2000, groups = {"ready", "payments"})
        public boolean stripeReachable() {
            return stripeUp;
        }

        @HealthCheckMethod
        public HealthResult ledger() {
            return HealthResult.builder(CheckStatus.WARN).detail("lag_seconds", 12).error("replication lag").build();
        }

        @HealthCheckMethod(name = "fraud-api")
        public void fraudApi() {
            throw new IllegalStateException("HTTP 502 from fraud service");
        }

        public boolean notACheck() {
            throw new AssertionError("never called");
        }
    }

    public static class WithParameter {
        @HealthCheckMethod
        public boolean reachable(String host) {
            return true;
        }
    }

    public static class WithUnsupportedReturnType {
        @HealthCheckMethod
        public String status() {
            return "UP";
        }
    }

    public static class NonPublicMethod {
        @HealthCheckMethod
        boolean hidden() {
            return true;
        }
    }

    public static class TwoProblems {
        @HealthCheckMethod
        public int count() {
            return 1;
        }

        @HealthCheckMethod
        public boolean ok() {
            return true;
        }
    }

    @Test
    void annotatedMethodsReturningBooleanResultOrVoidAreRegisteredWithTheirOptions() {
        PaymentChecks checks = new PaymentChecks();
        assertThat(registry.registerAnnotated(checks)).containsExactlyInAnyOrder("stripe", "ledger", "fraud-api");

        CheckOptions stripe = registry.options("stripe");
        assertThat(stripe.critical()).isFalse();
        assertThat(stripe.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(stripe.groups()).containsExactly(HealthGroup.READY, HealthGroup.of("payments"));

        HealthReport report = registry.report();
        assertThat(report.checks().get("stripe").status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.checks().get("ledger").status()).isEqualTo(CheckStatus.WARN);
        assertThat(report.checks().get("ledger").details()).containsEntry("lag_seconds", 12);
        assertThat(report.checks().get("fraud-api").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.checks().get("fraud-api").error()).isEqualTo("IllegalStateException: HTTP 502 from fraud service");
    }

    @Test
    void booleanFalseIsAFailureNamingTheMethod() {
        PaymentChecks checks = new PaymentChecks();
        checks.stripeUp = false;
        registry.registerAnnotated(checks);
        CheckReport stripe = registry.reportCheckAsync("stripe").join().checks().get("stripe");
        assertThat(stripe.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(stripe.error()).isEqualTo("stripeReachable returned false");
    }

    @Test
    void methodWithParametersIsRejectedNamingClassMethodAndProblem() {
        assertThatThrownBy(() -> registry.registerAnnotated(new WithParameter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Health check method dev.monitor.health.AnnotatedHealthCheckTest$WithParameter.reachable(String)"
                        + " must take no parameters, but takes 1");
    }

    @Test
    void methodReturningAnUnsupportedTypeIsRejectedNamingClassMethodAndProblem() {
        assertThatThrownBy(() -> registry.registerAnnotated(new WithUnsupportedReturnType()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Health check method dev.monitor.health.AnnotatedHealthCheckTest$WithUnsupportedReturnType.status()"
                        + " returns java.lang.String; it must return HealthResult, boolean or void");
    }

    @Test
    void nonPublicMethodIsRejected() {
        assertThatThrownBy(() -> registry.registerAnnotated(new NonPublicMethod()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("NonPublicMethod.hidden() must be public");
    }

    @Test
    void oneInvalidMethodRegistersNothing() {
        assertThatThrownBy(() -> registry.registerAnnotated(new TwoProblems()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TwoProblems.count() returns int");
        assertThat(registry.names()).isEmpty();
    }

    @Test
    void nameClashWithAnExistingCheckIsRejectedAndRegistersNothing() {
        registry.register("ledger", HealthResult::pass);
        assertThatThrownBy(() -> registry.registerAnnotated(new PaymentChecks()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a health check named 'ledger' is already registered");
        assertThat(registry.names()).containsExactly("ledger");
    }

    @Test
    void objectWithoutAnnotatedMethodsIsRejected() {
        assertThatThrownBy(() -> registry.registerAnnotated(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no @HealthCheckMethod methods found on java.lang.Object");
    }
}
