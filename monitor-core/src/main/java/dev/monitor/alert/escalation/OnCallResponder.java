package dev.monitor.alert.escalation;

import dev.monitor.config.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A person who can be on call: an id (what schedules and the incident timeline name) and an address per
 * channel (a phone number for the SMS channel, an e-mail address for the e-mail channel). Addresses are
 * personal data: they are used only to deliver, never logged, never journaled, never shown by
 * {@link #toString()}.
 *
 * <pre>{@code
 * OnCallResponder alice = OnCallResponder.builder("alice")
 *         .contact("sms", "+4915112345678")
 *         .contact("email", "alice@example.com")
 *         .build();
 * }</pre>
 */
public final class OnCallResponder {

    private final String id;
    private final Map<String, String> contacts;

    private OnCallResponder(Builder builder) {
        this.id = builder.id;
        this.contacts = Collections.unmodifiableMap(new LinkedHashMap<>(builder.contacts));
    }

    /** A builder for the responder {@code id} (letters, digits, {@code _ . - @}; 1 to 64 characters). */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The id schedules refer to. */
    public String id() {
        return id;
    }

    /** The address for {@code channel}, or {@code null} if none is known. */
    public @org.jspecify.annotations.Nullable String contact(String channel) {
        return contacts.get(channel);
    }

    /** The addresses by channel name. */
    public Map<String, String> contacts() {
        return contacts;
    }

    /** Names the responder and its channels, never its addresses. */
    @Override
    public String toString() {
        return "OnCallResponder{" + id + ", channels=" + contacts.keySet() + '}';
    }

    /**
     * Reads responders from flat settings under {@code prefix} (may be empty): every key is
     * {@code prefix + <responder>.<channel>} and its value the address on that channel, e.g.
     * {@code alice.sms = +4915112345678}, {@code alice.email = alice@example.com}.
     *
     * @return the responders, ordered by id
     * @throws IllegalArgumentException naming the first invalid key (never echoing an address)
     */
    public static List<OnCallResponder> fromProperties(Map<String, String> properties, String prefix) {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(prefix, "prefix");
        Map<String, Builder> builders = new TreeMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = entry.getKey();
            if (key == null || !key.startsWith(prefix)) {
                continue;
            }
            String rest = key.substring(prefix.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new IllegalArgumentException("responder setting '" + key + "' must be " + prefix
                        + "<responder>.<channel>, e.g. " + prefix + "alice.sms");
            }
            String id = rest.substring(0, dot);
            try {
                builders.computeIfAbsent(id, OnCallResponder::builder).contact(rest.substring(dot + 1),
                        entry.getValue() == null ? "" : entry.getValue().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("responder setting '" + key + "' is invalid: " + e.getMessage(), e);
            }
        }
        List<OnCallResponder> responders = new ArrayList<>();
        for (Builder builder : builders.values()) {
            responders.add(builder.build());
        }
        return Collections.unmodifiableList(responders);
    }

    /** Builds an {@link OnCallResponder}. */
    public static final class Builder {
        private final String id;
        private final Map<String, String> contacts = new LinkedHashMap<>();

        private Builder(String id) {
            this.id = OnCallSchedule.checkId("responder id", id);
        }

        /**
         * The address of this responder on {@code channel} (a channel name such as {@code sms}); the channel
         * checks its format when the dispatcher is built.
         */
        public Builder contact(String channel, String address) {
            Names.requireName("channel name", channel);
            Objects.requireNonNull(address, "address");
            if (address.isBlank() || address.length() > 320) {
                throw new IllegalArgumentException("the address of responder '" + id + "' on channel '" + channel
                        + "' must be 1 to 320 characters, was " + address.length());
            }
            contacts.put(channel, address.trim());
            return this;
        }

        /** Builds the responder. */
        public OnCallResponder build() {
            return new OnCallResponder(this);
        }
    }
}
