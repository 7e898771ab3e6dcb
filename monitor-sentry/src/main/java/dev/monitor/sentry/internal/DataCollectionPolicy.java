package dev.monitor.sentry.internal;

import io.sentry.DataCollection;
import io.sentry.SentryOptions;
import java.util.Set;

/**
 * Switches off the categories of Sentry's {@code DataCollection} options that collect free-form personal data,
 * on SDK versions that have them. Older 8.x SDKs (8.53.0, which the newest Spring Boot 4 starter of Sentry brings)
 * have only {@code sendDefaultPii}: there this does nothing, and no class of the newer API is ever loaded (the
 * code that names it lives in a nested class, initialised on first use only). Not API.
 */
public final class DataCollectionPolicy {

    private static final boolean AVAILABLE = detect();

    private DataCollectionPolicy() {
    }

    /** Whether the running Sentry SDK has {@code SentryOptions.getDataCollection()}. */
    public static boolean available() {
        return AVAILABLE;
    }

    /**
     * Once the application configured {@code dataCollection} (it then wins over {@code sendDefaultPii}): user info,
     * HTTP bodies, database query parameters and GraphQL variables off. Cookies, headers and query parameters may
     * stay, as the scrubbing hooks redact their values. Nothing on an SDK without these options.
     */
    public static void forcePersonalDataOff(SentryOptions options) {
        if (AVAILABLE) {
            NewApi.forcePersonalDataOff(options);
        }
    }

    private static boolean detect() {
        try {
            SentryOptions.class.getMethod("getDataCollection");
            return true;
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    /** The only code naming the newer API. */
    private static final class NewApi {
        static void forcePersonalDataOff(SentryOptions options) {
            DataCollection collection = options.getDataCollection();
            if (collection.isExplicitlyConfigured()) {
                collection.setUserInfo(false);
                collection.setHttpBodies(Set.of());
                collection.setDatabaseQueryData(false);
                collection.getGraphql().setVariables(false);
            }
        }
    }
}
