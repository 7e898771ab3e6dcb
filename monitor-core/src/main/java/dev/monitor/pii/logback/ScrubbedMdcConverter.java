package dev.monitor.pii.logback;

import ch.qos.logback.classic.pattern.MDCConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.monitor.pii.logback.internal.ScrubbedLoggingEvent;

/**
 * The {@code %X} (MDC) conversion, scrubbed knowing each key: the value of an entry whose key marks a secret
 * ({@code password}, {@code token}, {@code client_secret}, {@code authorization}, ...) is redacted whatever it holds,
 * other values are scrubbed like any text.
 *
 * <pre>{@code
 * <conversionRule conversionWord="X" class="dev.monitor.pii.logback.ScrubbedMdcConverter"/>
 * }</pre>
 */
public class ScrubbedMdcConverter extends MDCConverter {

    /** Creates the converter; Logback instantiates it for each pattern. */
    public ScrubbedMdcConverter() {
    }

    @Override
    public String convert(ILoggingEvent event) {
        return super.convert(new ScrubbedLoggingEvent(event, LogbackScrubbing.scrubberOf(getContext())));
    }
}
