package dev.monitor.pii.logback;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;

/**
 * A pattern encoder that scrubs each formatted line (message, arguments, MDC values, exception messages and stack
 * traces) before it is written. One line of configuration: give the appender's encoder this class.
 *
 * <pre>{@code
 * <encoder class="dev.monitor.pii.logback.ScrubbingEncoder">
 *   <pattern>%d %-5level [%thread] %logger - %msg%n</pattern>
 * </encoder>
 * }</pre>
 *
 * <p>If scrubbing fails, the line is replaced by {@code [scrub_error]} rather than written unscrubbed.
 */
public class ScrubbingEncoder extends PatternLayoutEncoder {

    /** Creates the encoder; Logback configures it like a {@link PatternLayoutEncoder}. */
    public ScrubbingEncoder() {
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String line = getLayout().doLayout(event);
        String scrubbed = LogbackScrubbing.scrubberOf(getContext()).scrub(line);
        if (scrubbed != line && !scrubbed.endsWith("\n") && line.endsWith("\n")) {
            scrubbed = scrubbed + System.lineSeparator(); // a failure marker keeps the line break
        }
        Charset charset = getCharset();
        return scrubbed.getBytes(charset != null ? charset : Charset.defaultCharset());
    }
}
