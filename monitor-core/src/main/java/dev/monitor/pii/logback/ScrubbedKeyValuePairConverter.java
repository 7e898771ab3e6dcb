package dev.monitor.pii.logback;

import ch.qos.logback.classic.pattern.KeyValuePairConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.monitor.pii.logback.internal.ScrubbedLoggingEvent;

/**
 * The {@code %kvp} conversion (SLF4J's {@code addKeyValue} pairs), scrubbed knowing each key: the value of a pair whose
 * key marks a secret is redacted whatever it holds, other values are scrubbed like any text.
 *
 * <pre>{@code
 * <conversionRule conversionWord="kvp" class="dev.monitor.pii.logback.ScrubbedKeyValuePairConverter"/>
 * }</pre>
 */
public class ScrubbedKeyValuePairConverter extends KeyValuePairConverter {

    /** Creates the converter; Logback instantiates it for each pattern. */
    public ScrubbedKeyValuePairConverter() {
    }

    @Override
    public String convert(ILoggingEvent event) {
        return super.convert(new ScrubbedLoggingEvent(event, LogbackScrubbing.scrubberOf(getContext())));
    }
}
