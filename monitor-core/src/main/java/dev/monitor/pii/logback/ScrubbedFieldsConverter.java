package dev.monitor.pii.logback;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.monitor.pii.logback.internal.ScrubbedLoggingEvent;
import dev.monitor.request.RequestContext;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

/**
 * The {@code %fields} conversion: each field of the event once, as {@code " key=value"}: every MDC entry (the request
 * filter's {@code request_id} and {@code user_id} first, the others by key), then every key-value pair
 * ({@code log.atWarn().addKeyValue("duration_ms", 573)}) whose key the MDC does not hold. Nothing at all when the
 * event has no field, so a line logged outside a request carries no empty {@code request_id=}. Scrubbed knowing each
 * key, like {@code %X} of {@link ScrubbedMdcConverter}. {@link ScrubbingEncoder} knows the word; elsewhere:
 *
 * <pre>{@code
 * <conversionRule conversionWord="fields" class="dev.monitor.pii.logback.ScrubbedFieldsConverter"/>
 * <pattern>%d %-5level [%thread] %logger%fields - %msg%n</pattern>
 * }</pre>
 */
public class ScrubbedFieldsConverter extends ClassicConverter {

    /** The conversion word {@link ScrubbingEncoder} registers for this converter. */
    public static final String CONVERSION_WORD = "fields";

    /** Creates the converter; Logback instantiates it for each pattern. */
    public ScrubbedFieldsConverter() {
    }

    @Override
    public String convert(ILoggingEvent event) {
        ILoggingEvent scrubbed = event instanceof ScrubbedLoggingEvent ? event
                : new ScrubbedLoggingEvent(event, LogbackScrubbing.scrubberOf(getContext()));
        Map<String, String> mdc = scrubbed.getMDCPropertyMap();
        List<KeyValuePair> pairs = scrubbed.getKeyValuePairs();
        boolean noPairs = pairs == null || pairs.isEmpty();
        if (mdc.isEmpty() && noPairs) {
            return "";
        }
        StringBuilder fields = new StringBuilder(64);
        int shown = append(fields, RequestContext.REQUEST_ID_KEY, mdc.get(RequestContext.REQUEST_ID_KEY))
                + append(fields, RequestContext.USER_ID_KEY, mdc.get(RequestContext.USER_ID_KEY));
        if (mdc.size() > shown) {
            String[] keys = mdc.keySet().toArray(String[]::new);
            Arrays.sort(keys); // the MDC's map has no order: lines stay comparable
            for (String key : keys) {
                if (!key.equals(RequestContext.REQUEST_ID_KEY) && !key.equals(RequestContext.USER_ID_KEY)) {
                    append(fields, key, mdc.get(key));
                }
            }
        }
        if (!noPairs) {
            Set<String> written = new HashSet<>(mdc.keySet());
            for (KeyValuePair pair : pairs) {
                if (written.add(pair.key)) {
                    append(fields, pair.key, pair.value);
                }
            }
        }
        return fields.toString();
    }

    /** Appends {@code " key=value"} unless the value is null; returns how many fields were appended. */
    private static int append(StringBuilder fields, String key, @Nullable Object value) {
        if (value == null) {
            return 0;
        }
        fields.append(' ').append(key).append('=').append(value);
        return 1;
    }
}
