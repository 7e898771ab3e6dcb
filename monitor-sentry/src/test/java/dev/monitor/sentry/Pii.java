package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Personal values planted in test events, and the check that none of them arrived. */
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

    static final List<String> ALL = List.of(EMAIL, CARD, CARD_COMPACT, PHONE, IP, BEARER, PASSWORD, SESSION, IBAN, SSN,
            STRIPE_KEY, ACCESS_TOKEN, USER_ID, USERNAME, "mgarcia", "maria.garcia%40example.com", "7946 0958");

    private Pii() {
    }

    /**
     * None of the planted values in what was received: neither in the raw text, nor after decoding each item's JSON
     * (so that an escaped form such as {@code \u0040} cannot hide one).
     */
    static void assertNoneIn(EnvelopeReceiver receiver) {
        String raw = receiver.allText();
        StringBuilder decoded = new StringBuilder();
        for (EnvelopeReceiver.Received received : receiver.received()) {
            decoded.append(received.header()).append('\n');
            for (EnvelopeReceiver.Item item : received.items()) {
                decoded.append(decode(item.json())).append('\n');
            }
        }
        for (String value : ALL) {
            assertThat(raw).as("raw envelopes").doesNotContain(value);
            assertThat(decoded.toString()).as("decoded envelopes").doesNotContain(value);
        }
    }

    /** Every string of a JSON tree, keys and values, unescaped, one per line. */
    private static String decode(JsonNode node) {
        StringBuilder out = new StringBuilder();
        collect(node, out);
        return out.toString();
    }

    private static void collect(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            for (var entry : node.properties()) {
                out.append(entry.getKey()).append('\n');
                collect(entry.getValue(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, out);
            }
        } else {
            out.append(node.asString()).append('\n');
        }
    }
}
