package dev.monitor.spring.logging;

import dev.monitor.pii.Scrubber;
import dev.monitor.pii.logback.LogbackScrubbing;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.JsonWriter.MemberPath;
import org.springframework.boot.json.WritableJson;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Makes Spring Boot's structured logging formats (Elastic Common Schema, Logstash, Graylog Extended Log Format) pass
 * every field through the PII scrubber: the message, the MDC and key-value pairs (with {@code request_id} and the
 * {@code user_id} pseudonym the request filter puts there), the logger and thread names and the stack trace. Each
 * value is scrubbed knowing its field name ({@link Scrubber#scrubValue(String, String, int)}: a field named
 * {@code password}, {@code token}, {@code authorization}... is redacted whatever it holds), then cut: at most
 * {@value #MAX_VALUE_LENGTH} characters, a stack trace at most {@value #MAX_STACK_TRACE_LENGTH}. Field names are
 * scrubbed too (an MDC key may be built from data). Numbers stay numbers ({@code "duration_ms":573}) unless they read
 * as personal data (a card number logged as a {@code long}) or sit under a sensitive name.
 *
 * <p>The starter registers it for every structured format through {@code META-INF/spring.factories}; Boot instantiates
 * it when logging starts, before any bean exists, so the scrubber is looked up for each value: the one the starter
 * installs into Logback ({@link LogbackScrubbing}, the {@code Scrubber} bean built from {@code monitor.pii.*}), else
 * {@link Scrubber#defaults()}. {@code monitor.pii.structured-logging=false} turns it off.
 */
public final class ScrubbingStructuredLoggingCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    /** The property that turns the scrubbing of structured logging off. */
    public static final String ENABLED_PROPERTY = "monitor.pii.structured-logging";
    /** The longest string value written, after scrubbing. */
    public static final int MAX_VALUE_LENGTH = 8192;
    /** The longest stack trace (or GELF {@code full_message}) written, after scrubbing. */
    public static final int MAX_STACK_TRACE_LENGTH = 16384;

    /** Numbers at least this large (in magnitude) are checked as text: card numbers, phone numbers, national IDs. */
    private static final long CHECKED_NUMBER = 10_000_000L;
    private static final boolean LOGBACK_PRESENT = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
            ScrubbingStructuredLoggingCustomizer.class.getClassLoader());

    private final boolean enabled;
    private final Supplier<Scrubber> scrubber;

    /** Created by Spring Boot's structured logging with the application's environment. */
    public ScrubbingStructuredLoggingCustomizer(Environment environment) {
        this(environment.getProperty(ENABLED_PROPERTY, Boolean.class, true), ScrubbingStructuredLoggingCustomizer::current);
    }

    /** A customizer that always scrubs with {@code scrubber}, for a formatter built by hand. */
    public static ScrubbingStructuredLoggingCustomizer using(Scrubber scrubber) {
        return new ScrubbingStructuredLoggingCustomizer(true, constant(Objects.requireNonNull(scrubber, "scrubber")));
    }

    private ScrubbingStructuredLoggingCustomizer(boolean enabled, Supplier<Scrubber> scrubber) {
        this.enabled = enabled;
        this.scrubber = scrubber;
    }

    private static Supplier<Scrubber> constant(Scrubber scrubber) {
        return () -> scrubber;
    }

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        if (!enabled) {
            return;
        }
        members.applyingNameProcessor((path, name) -> scrubber.get().scrub(name));
        members.applyingValueProcessor(this::scrubbed);
    }

    /** {@code value} as it may be written under {@code path}. */
    @Nullable Object scrubbed(MemberPath path, @Nullable Object value) {
        if (value == null || value instanceof Boolean || value instanceof WritableJson || value instanceof Map<?, ?>
                || value instanceof Iterable<?> || value.getClass().isArray()) {
            return value; // containers: their members are processed one by one
        }
        String name = nameOf(path);
        Scrubber current = scrubber.get();
        if (value instanceof Number number) {
            return scrubbedNumber(current, name, number);
        }
        String text = value.toString();
        int max = name != null && (name.endsWith("stack_trace") || name.equals("full_message")) ? MAX_STACK_TRACE_LENGTH
                : MAX_VALUE_LENGTH;
        String scrubbed = name == null ? current.scrub(text, max) : current.scrubValue(name, text, max);
        return scrubbed == text ? value : scrubbed;
    }

    private static Object scrubbedNumber(Scrubber scrubber, @Nullable String name, Number number) {
        boolean sensitive = name != null && scrubber.isSensitiveKey(name);
        boolean large;
        if (number instanceof Long || number instanceof Integer || number instanceof Short) {
            large = number.longValue() >= CHECKED_NUMBER || number.longValue() <= -CHECKED_NUMBER;
        } else if (number instanceof BigInteger integer) {
            large = integer.bitLength() > 23;
        } else {
            large = number instanceof BigDecimal decimal && decimal.precision() > 7;
        }
        if (!sensitive && !large) {
            return number;
        }
        String text = number instanceof BigDecimal decimal ? decimal.toPlainString() : number.toString();
        String scrubbed = name == null ? scrubber.scrub(text) : scrubber.scrubValue(name, text);
        return scrubbed.equals(text) ? number : scrubbed;
    }

    /** The name of the field written at {@code path}: its own, or that of the array holding it. */
    private static @Nullable String nameOf(@Nullable MemberPath path) {
        for (MemberPath at = path; at != null; at = at.parent()) {
            if (at.name() != null) {
                return at.name();
            }
        }
        return null;
    }

    private static Scrubber current() {
        if (LOGBACK_PRESENT) {
            ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            if (factory instanceof ch.qos.logback.core.Context context) {
                return LogbackScrubbing.scrubberOf(context);
            }
        }
        return Scrubber.defaults();
    }
}
