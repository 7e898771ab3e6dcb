package dev.monitor.pii.logback;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.monitor.pii.Scrubber;
import dev.monitor.pii.logback.internal.ScrubbedLoggingEvent;
import java.nio.charset.Charset;

/**
 * A pattern encoder that scrubs what it writes. One line of configuration: give the appender's encoder this class.
 *
 * <pre>{@code
 * <encoder class="dev.monitor.pii.logback.ScrubbingEncoder">
 *   <pattern>%d %-5level [%thread] %logger %X - %msg %kvp%n</pattern>
 * </encoder>
 * }</pre>
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
