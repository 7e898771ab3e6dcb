package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the seeds' variables through an injected map, and the builder's validation. */
class SentrySettingsTest {

    private static final String DSN = "https://0123456789abcdef@o1.ingest.example.com/42";

    @Test
    void theEnvironmentFallsBackFromSentryEnvironmentToEnvironmentToEnv() {
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_ENVIRONMENT", "prod", "ENVIRONMENT", "staging",
                "ENV", "dev")).environment()).isEqualTo("prod");
        assertThat(SentrySettings.fromEnvironment(Map.of("ENVIRONMENT", "staging", "ENV", "dev")).environment())
                .isEqualTo("staging");
        assertThat(SentrySettings.fromEnvironment(Map.of("ENV", "dev")).environment()).isEqualTo("dev");
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_ENVIRONMENT", "  ", "ENV", "dev")).environment())
                .isEqualTo("dev");
        assertThat(SentrySettings.fromEnvironment(Map.of()).environment()).isNull();
    }

    @Test
    void theReleaseFallsBackFromSentryReleaseToReleaseVersionToVersion() {
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_RELEASE", "a@3", "RELEASE_VERSION", "2",
                "VERSION", "1")).release()).isEqualTo("a@3");
        assertThat(SentrySettings.fromEnvironment(Map.of("RELEASE_VERSION", "2", "VERSION", "1")).release())
                .isEqualTo("2");
        assertThat(SentrySettings.fromEnvironment(Map.of("VERSION", " 1.0.3 ")).release()).isEqualTo("1.0.3");
        assertThat(SentrySettings.fromEnvironment(Map.of()).release()).isNull();
    }

    @Test
    void tracesSampleRateAndEnabledAreParsedWithClearErrors() {
        assertThat(SentrySettings.fromEnvironment(Map.of()).tracesSampleRate()).isEqualTo(0.1);
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_TRACES_SAMPLE_RATE", "0.25")).tracesSampleRate())
                .isEqualTo(0.25);
        assertThatThrownBy(() -> SentrySettings.fromEnvironment(Map.of("SENTRY_TRACES_SAMPLE_RATE", "1.5")))
                .hasMessage("SENTRY_TRACES_SAMPLE_RATE must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> SentrySettings.fromEnvironment(Map.of("SENTRY_TRACES_SAMPLE_RATE", "NaN")))
                .hasMessage("SENTRY_TRACES_SAMPLE_RATE must be between 0 and 1, was NaN");
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_ENABLED", "FALSE")).enabled()).isFalse();
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_ENABLED", "true")).enabled()).isTrue();
        assertThatThrownBy(() -> SentrySettings.fromEnvironment(Map.of("SENTRY_ENABLED", "no")))
                .hasMessage("SENTRY_ENABLED must be true or false, was 'no'");
    }

    @Test
    void theProfilesSampleRateIsReadLikeTheTracesSampleRateAndIsOffWhenUnset() {
        assertThat(SentrySettings.fromEnvironment(Map.of()).profilesSampleRate()).isNull();
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_PROFILES_SAMPLE_RATE", " 0.2 ")).profilesSampleRate())
                .isEqualTo(0.2);
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_PROFILES_SAMPLE_RATE", "")).profilesSampleRate())
                .isNull();
        assertThatThrownBy(() -> SentrySettings.fromEnvironment(Map.of("SENTRY_PROFILES_SAMPLE_RATE", "2")))
                .hasMessage("SENTRY_PROFILES_SAMPLE_RATE must be between 0 and 1, was 2.0");
        assertThatThrownBy(() -> SentrySettings.fromEnvironment(Map.of("SENTRY_PROFILES_SAMPLE_RATE", "half")))
                .hasMessage("SENTRY_PROFILES_SAMPLE_RATE must be a number between 0 and 1 (e.g. 0.1), was 'half'");
        assertThatThrownBy(() -> SentryMonitoring.builder().profilesSampleRate(-0.1))
                .hasMessage("profilesSampleRate must be between 0 and 1, was -0.1");
    }

    @Test
    void theIgnoredTransactionRoutesDefaultToTheProbeAndOperatorRoutesAndCanBeReplaced() {
        assertThat(SentrySettings.fromEnvironment(Map.of()).ignoredTransactionRoutes())
                .isEqualTo(RouteTracesSampler.DEFAULT_IGNORED_ROUTES)
                .contains("/health", "/health/**", "/status", "/status/**", "/actuator/**", "/monitor/jobs/**",
                        "/monitor/operator/**");
        assertThat(SentryMonitoring.builder().ignoredTransactionRoutes(List.of("/ping")).settings()
                .ignoredTransactionRoutes()).containsExactly("/ping");
        assertThatThrownBy(() -> SentryMonitoring.builder().ignoredTransactionRoutes(List.of("ping")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ping'");
    }

    @Test
    void reportingIsActiveOnlyWithADsnAndNotSwitchedOff() {
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_DSN", DSN)).active()).isTrue();
        assertThat(SentrySettings.fromEnvironment(Map.of()).inactiveReason()).isEqualTo("no DSN is set (SENTRY_DSN)");
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_DSN", DSN, "SENTRY_ENABLED", "false"))
                .inactiveReason()).isEqualTo("SENTRY_ENABLED is false");
    }

    @Test
    void theDsnIsValidatedWithoutBeingRepeatedAndNeverShownWithItsKey() {
        assertThat(SentrySettings.fromEnvironment(Map.of("SENTRY_DSN", DSN)).toString())
                .contains("https://***@o1.ingest.example.com/42").doesNotContain("0123456789abcdef");
        assertThatThrownBy(() -> SentrySettings.fromEnvironment(Map.of("SENTRY_DSN", "not a dsn with key42")))
                .hasMessageStartingWith("SENTRY_DSN ").hasMessageNotContaining("key42");
        assertThatThrownBy(() -> SentrySettings.fromEnvironment(Map.of("SENTRY_DSN", "https://key42@host/42?x=1")))
                .hasMessageStartingWith("SENTRY_DSN must not have a query").hasMessageNotContaining("key42");
    }

    @Test
    void valuesSetOnTheBuilderWinOverTheEnvironment() {
        SentrySettings settings = SentryMonitoring.builder()
                .fromEnvironment(Map.of("SENTRY_DSN", DSN, "ENVIRONMENT", "staging", "VERSION", "1",
                        "SENTRY_TRACES_SAMPLE_RATE", "0.5"))
                .environment("production").release("2").tracesSampleRate(1.0).enabled(false)
                .settings();

        assertThat(settings).isEqualTo(new SentrySettings(DSN, false, "production", "2", 1.0));
    }

    @Test
    void theBuilderRejectsBadValuesNamingTheSetting() {
        SentryMonitoring.Builder builder = SentryMonitoring.builder();
        assertThatThrownBy(() -> builder.tracesSampleRate(-0.1))
                .hasMessage("tracesSampleRate must be between 0 and 1, was -0.1");
        assertThatThrownBy(() -> builder.environment(" ")).hasMessage("environment must not be blank");
        assertThatThrownBy(() -> builder.release("")).hasMessage("release must not be blank");
        assertThatThrownBy(() -> builder.dsn("https://key42@host")).hasMessageStartingWith("dsn has no project id")
                .hasMessageNotContaining("key42");
        assertThatThrownBy(() -> builder.scrubber(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("scrubber");
        assertThatThrownBy(() -> SentryMonitoring.init(Map.of()).setUser(" "))
                .hasMessage("userId must not be blank; use clearUser() to forget the user");
    }
}
