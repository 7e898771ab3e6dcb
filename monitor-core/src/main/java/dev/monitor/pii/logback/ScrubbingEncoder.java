package dev.monitor.pii.logback;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.monitor.pii.Scrubber;
import dev.monitor.pii.logback.internal.ScrubbedLoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A pattern encoder that scrubs what it writes. One line of configuration: give the appender's encoder this class.
 *
 * <pre>{@code
 * <encoder class="dev.monitor.pii.logback.ScrubbingEncoder">
 *   <pattern>%d %-5level [%thread] %logger%fields - %msg%n</pattern>
 * </encoder>
 * }</pre>
 *
 * <p>{@code %fields} ({@link ScrubbedFieldsConverter}) writes each MDC entry and key-value pair once, and nothing
 * outside a request: {@code request_id=4bf92f35 user_id=5f0c1d2e duration_ms=573}.
 *
 * <p>Two passes. First the pattern is laid out over a scrubbed view of the event: the message and its arguments, the
 * message of the exception and of each cause, every MDC value ({@code %X}) and every key-value pair ({@code %kvp},
 * SLF4J's {@code addKeyValue}) pass the scrubber, MDC values and key-value pairs <em>knowing their key</em>: an entry
 * whose key marks a secret ({@code password}, {@code token}, {@code client_secret}, {@code authorization}, ...) is
 * redacted whatever its value, so {@code MDC.put("token", "opaque123")} writes {@code token=[secret]}. Then the whole
 * line passes the scrubber once more, for what the pattern adds (thread names, markers).
 *
 * <p>If scrubbing fails, the field (or the line) is replaced by {@code [scrub_error]} rather than written unscrubbed.
 */
public class ScrubbingEncoder extends PatternLayoutEncoder {

    /** Creates the encoder; Logback configures it like a {@link PatternLayoutEncoder}. */
    public ScrubbingEncoder() {
    }

    /** Registers {@code %fields} ({@link ScrubbedFieldsConverter}) in the context unless a rule names it, then starts. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void start() {
        Context context = getContext();
        if (context != null) {
            ReentrantLock lock = context.getConfigurationLock();
            lock.lock();
            try {
                Map<String, Supplier<DynamicConverter>> rules = (Map<String, Supplier<DynamicConverter>>) context
                        .getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
                if (rules == null) {
                    rules = new HashMap<>();
                    context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
                }
                rules.putIfAbsent(ScrubbedFieldsConverter.CONVERSION_WORD, ScrubbedFieldsConverter::new);
            } finally {
                lock.unlock();
            }
        }
        super.start();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Scrubber scrubber = LogbackScrubbing.scrubberOf(getContext());
        String line = getLayout().doLayout(new ScrubbedLoggingEvent(event, scrubber));
        String scrubbed = scrubber.scrub(line);
        if (scrubbed != line && !scrubbed.endsWith("\n") && line.endsWith("\n")) {
            scrubbed = scrubbed + System.lineSeparator(); // a failure marker keeps the line break
        }
        Charset charset = getCharset();
        return scrubbed.getBytes(charset != null ? charset : Charset.defaultCharset());
    }
}
