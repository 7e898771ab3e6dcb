package dev.monitor.sentry;

import dev.monitor.pii.testing.LeakIndex;
import dev.monitor.pii.testing.Plant;
import java.util.List;

/**
 * Personal values planted in test events, and the check that none of them arrived: the leak assertion of
 * {@code dev.monitor.pii.testing} over every envelope received (no value, and no run of six of its characters, in the
 * raw text or with its JSON escapes undone; the documented email mask {@code m***@example.com} may show).
 */
final class Pii {

    static final String EMAIL = "maria.garcia@example.com";
    static final String CARD = "4111 1111 1111 1111";
    static final String CARD_COMPACT = "4111111111111111";
    static final String PHONE = "+44 20 7946 0958";
    static final String IP = "203.0.113.195";
    static final String BEARER = "8f3kd92jfk3l0s9dk3k2m5n6b7v8c9x0";
    static final String PASSWORD = "hunter2-Tr0ub4dor";
    static final String SESSION = "s3ss10nVALUEq8r7";
    static final String IBAN = "DE89370400440532013000";
    static final String SSN = "123-45-6789";
    static final String STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
    static final String ACCESS_TOKEN = "tok3nV4lue99zz";
    static final String USER_ID = "customer-4711";
    static final String USERNAME = "maria.garcia";
    static final String HOME = "/home/mgarcia/app/config.yml";

    /** What must not arrive of each value: the whole of it, or the part that is personal (not an email's domain). */
    private static final List<Plant> PLANTED = List.of(
            new Plant("email", EMAIL, List.of("aria.garcia")),
            new Plant("payment_card", CARD, List.of(CARD, CARD_COMPACT)),
            new Plant("phone", PHONE, List.of("20 7946 0958")),
            new Plant("ip_address", IP, List.of(IP)),
            new Plant("bearer", BEARER, List.of(BEARER)),
            new Plant("secret", PASSWORD, List.of(PASSWORD)),
            new Plant("secret", SESSION, List.of(SESSION)),
            new Plant("iban", IBAN, List.of(IBAN.substring(4))),
            new Plant("us_ssn", SSN, List.of(SSN)),
            new Plant("api_key", STRIPE_KEY, List.of(STRIPE_KEY.substring("sk_live_".length()))),
            new Plant("secret", ACCESS_TOKEN, List.of(ACCESS_TOKEN)),
            new Plant("user", USER_ID, List.of("mer-4711")), // "custom…" is in many a field name
            new Plant("user", USERNAME, List.of("aria.garcia")),
            new Plant("home_path", HOME, List.of("mgarcia")));

    private Pii() {
    }

    /** None of the planted values in what was received, raw or with its JSON escapes undone. */
    static void assertNoneIn(EnvelopeReceiver receiver) {
        LeakIndex index = new LeakIndex();
        PLANTED.forEach(plant -> index.add(plant, "the planted " + plant.kind() + " '" + plant.text() + "'"));
        index.assertNoneIn("the envelopes received", receiver.allText());
    }
}
