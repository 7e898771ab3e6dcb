package dev.monitor.pii.logback;

import dev.monitor.pii.Scrubber;
import dev.monitor.pii.logback.internal.ScrubbingJsonGenerator;
import net.logstash.logback.decorate.JsonGeneratorDecorator;
import net.logstash.logback.encoder.LogstashEncoder;
import tools.jackson.core.JsonGenerator;

/**
 * logstash-logback-encoder's {@link LogstashEncoder} (one JSON object per line) whose every written text passes the
 * scrubber. One line of configuration; every option of {@code LogstashEncoder} still applies:
 *
 * <pre>{@code
 * <encoder class="dev.monitor.pii.logback.ScrubbingJsonEncoder"/>
 * }</pre>
 *
 * <p>The scrubbing sits under the JSON providers, at the generator: the message, the arguments (structured arguments
 * and the objects they carry included), the MDC, the key-value pairs ({@code log.atInfo().addKeyValue(...)}), the
 * markers, the thread name and the stack trace are scrubbed as they are written, each value knowing its field name (a
 * field named {@code password}, {@code token}, {@code client_secret}, {@code authorization}... is redacted whatever it
 * holds). A value is scrubbed first and cut after: at most {@link #setMaxValueLength maxValueLength} characters
 * (8192), the stack trace at most {@link #setMaxStackTraceLength maxStackTraceLength} (16384). Numbers stay numbers
 * ({@code "duration_ms":573}) unless they read as personal data (a card number logged as a {@code long}) or sit under
 * a sensitive name. What the request filter puts in the MDC, {@code request_id} and the {@code user_id} pseudonym,
 * becomes a field of each line logged during a request.
 *
 * <p>The scrubber is the one {@link LogbackScrubbing#install installed} in the Logback context (the Spring Boot starter
 * installs its bean), else {@link Scrubber#defaults()}. Needs {@code net.logstash.logback:logstash-logback-encoder} 9.x
 * on the class path.
 */
public class ScrubbingJsonEncoder extends LogstashEncoder {

    /** The longest string value written, by default. */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 8192;
    /** The longest stack trace written, by default. */
    public static final int DEFAULT_MAX_STACK_TRACE_LENGTH = 16384;

    private volatile int maxValueLength = DEFAULT_MAX_VALUE_LENGTH;
    private volatile int maxStackTraceLength = DEFAULT_MAX_STACK_TRACE_LENGTH;

    /** Creates the encoder; Logback configures it like a {@link LogstashEncoder}. */
    public ScrubbingJsonEncoder() {
        addDecorator((JsonGeneratorDecorator) this::scrubbing);
    }

    private JsonGenerator scrubbing(JsonGenerator generator) {
        return new ScrubbingJsonGenerator(generator, () -> LogbackScrubbing.scrubberOf(getContext()), maxValueLength,
                getFieldNames().getStackTrace(), maxStackTraceLength);
    }

    /** The longest string value written, after scrubbing (at least 16). */
    public int getMaxValueLength() {
        return maxValueLength;
    }

    /** Sets the longest string value written, after scrubbing; a longer one is cut and ends in {@code "…"}. */
    public void setMaxValueLength(int maxValueLength) {
        this.maxValueLength = atLeast16("maxValueLength", maxValueLength);
    }

    /** The longest stack trace written, after scrubbing (at least 16). */
    public int getMaxStackTraceLength() {
        return maxStackTraceLength;
    }

    /** Sets the longest stack trace written, after scrubbing; a longer one is cut and ends in {@code "…"}. */
    public void setMaxStackTraceLength(int maxStackTraceLength) {
        this.maxStackTraceLength = atLeast16("maxStackTraceLength", maxStackTraceLength);
    }

    private static int atLeast16(String name, int value) {
        if (value < 16) {
            throw new IllegalArgumentException(name + " must be at least 16, was " + value);
        }
        return value;
    }
}
