package dev.monitor.pii.logback;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.monitor.pii.logback.internal.ScrubbedLoggingEvent;

/**
 * The {@code %ex} conversion (exception and stack trace), with the message of the exception, of each cause and of
 * each suppressed exception scrubbed; class names and frames are kept.
 *
 * <pre>{@code
 * <conversionRule conversionWord="ex" class="dev.monitor.pii.logback.ScrubbedThrowableConverter"/>
 * }</pre>
 */
public class ScrubbedThrowableConverter extends ThrowableProxyConverter {

    /** Creates the converter; Logback instantiates it for each pattern. */
    public ScrubbedThrowableConverter() {
    }

    @Override
    public String convert(ILoggingEvent event) {
        return super.convert(new ScrubbedLoggingEvent(event, LogbackScrubbing.scrubberOf(getContext())));
    }
}
