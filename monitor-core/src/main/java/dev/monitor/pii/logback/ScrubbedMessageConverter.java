package dev.monitor.pii.logback;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The {@code %msg} conversion, scrubbed. One line of configuration replaces the built-in one in every pattern of the
 * file:
 *
 * <pre>{@code
 * <conversionRule conversionWord="msg" class="dev.monitor.pii.logback.ScrubbedMessageConverter"/>
 * }</pre>
 *
 * <p>Only the message is scrubbed. For the MDC, the exception and key-value pairs replace {@code X},
 * {@code ex} and {@code kvp} too ({@link ScrubbedMdcConverter}, {@link ScrubbedThrowableConverter},
 * {@link ScrubbedKeyValuePairConverter}), or prefer {@link ScrubbingEncoder}, which scrubs all of them and the whole
 * line, unless a layout other than a pattern is used.
 */
public class ScrubbedMessageConverter extends MessageConverter {

    /** Creates the converter; Logback instantiates it for each pattern. */
    public ScrubbedMessageConverter() {
    }

    @Override
    public String convert(ILoggingEvent event) {
        return LogbackScrubbing.scrubberOf(getContext()).scrub(super.convert(event));
    }
}
