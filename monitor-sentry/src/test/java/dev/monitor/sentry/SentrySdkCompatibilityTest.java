package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.sentry.internal.DataCollectionPolicy;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which Sentry SDK this test run has, and what monitor does with it. The build runs every test of this module twice:
 * with the SDK it compiles against and, in the {@code sentry-oldest-supported} execution, with the oldest supported
 * one (8.53.0, which Sentry's Spring Boot 4 starter brings), where the system property
 * {@code monitor.expectedSentryVersion} names it. The version is read reflectively: {@code BuildConfig.VERSION_NAME}
 * is a constant the compiler would inline.
 */
class SentrySdkCompatibilityTest {

    private SentryMonitoring sentry;

    @AfterEach
    void stop() {
        if (sentry != null) {
            sentry.close();
        }
        Sentry.close();
    }

    @Test
    void theRunHasTheSdkItMeansToTestAndDataCollectionIsUsedOnlyWhereItExists() throws Exception {
        String running = (String) Class.forName("io.sentry.BuildConfig").getField("VERSION_NAME").get(null);
        String expected = System.getProperty("monitor.expectedSentryVersion");

        if (expected != null) {
            assertThat(running).isEqualTo(expected);
            assertThat(DataCollectionPolicy.available()).as("the oldest supported SDK has no dataCollection").isFalse();
        } else {
            assertThat(DataCollectionPolicy.available()).isTrue();
        }
    }

    @Test
    @SuppressWarnings("deprecation") // isSendDefaultPii: the one personal-data switch every supported SDK has
    void sentryStartsOnEverySupportedSdkWithSendDefaultPiiForcedOff() {
        EnvelopeReceiver receiver = EnvelopeReceiver.start();
        try {
            sentry = SentryMonitoring.builder().fromEnvironment(Map.of("SENTRY_DSN", receiver.dsn()))
                    .options(options -> options.setSendDefaultPii(true))
                    .init();

            SentryOptions options = Sentry.getCurrentScopes().getOptions();
            assertThat(sentry.isEnabled()).isTrue();
            assertThat(options.isSendDefaultPii()).isFalse();
        } finally {
            receiver.close();
        }
    }
}
