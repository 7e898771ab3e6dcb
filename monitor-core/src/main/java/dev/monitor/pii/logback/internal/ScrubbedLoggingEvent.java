package dev.monitor.pii.logback.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import dev.monitor.pii.Scrubber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event as a layout may show it: the formatted message, the message pattern, the arguments, the throwable
 * (message of every cause and suppressed exception), every MDC value and every key-value pair (SLF4J's
 * {@code addKeyValue}, Logback's {@code %kvp}) passed through the scrubber. MDC values and key-value pairs are scrubbed
 * knowing their key: the value of {@code password}, {@code token}, {@code client_secret}, {@code authorization}... is
 * redacted whatever it holds. Everything else is the event's own. Each part is scrubbed once, when first read. Used
 * by one thread, for one layout pass. Not API.
 */
public final class ScrubbedLoggingEvent implements ILoggingEvent {

    private final ILoggingEvent event;
    private final Scrubber scrubber;
    private @Nullable String formattedMessage;
    private @Nullable Map<String, String> mdc;
    private @Nullable List<KeyValuePair> keyValuePairs;
    private boolean keyValuePairsRead;
    private @Nullable IThrowableProxy throwable;
    private boolean throwableRead;

    /** The scrubbed view of {@code event}. */
    public ScrubbedLoggingEvent(ILoggingEvent event, Scrubber scrubber) {
        this.event = Objects.requireNonNull(event, "event");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    }

    /** The event this is a view of. */
    public ILoggingEvent event() {
        return event;
    }

    @Override
    public String getFormattedMessage() {
        String message = formattedMessage;
        if (message == null) {
            String raw = event.getFormattedMessage();
            message = raw == null ? "" : scrubber.scrub(raw);
            formattedMessage = message;
        }
        return message;
    }

    @Override
    public String getMessage() {
        String pattern = event.getMessage();
        return pattern == null ? "" : scrubber.scrub(pattern);
    }

    @Override
    public Object @Nullable [] getArgumentArray() {
        Object[] arguments = event.getArgumentArray();
        if (arguments == null) {
            return null;
        }
        Object[] shown = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            Object argument = arguments[i];
            shown[i] = argument == null || argument instanceof Number || argument instanceof Boolean ? argument
                    : scrubber.scrub(String.valueOf(argument));
        }
        return shown;
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
        Map<String, String> shown = mdc;
        if (shown == null) {
            shown = scrubbed(event.getMDCPropertyMap());
            mdc = shown;
        }
        return shown;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getMdc() {
        return getMDCPropertyMap();
    }

    @Override
    public @Nullable List<KeyValuePair> getKeyValuePairs() {
        if (!keyValuePairsRead) {
            keyValuePairsRead = true;
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs != null) {
                List<KeyValuePair> shown = new ArrayList<>(pairs.size());
                for (KeyValuePair pair : pairs) {
                    if (pair == null) {
                        continue;
                    }
                    String key = pair.key == null ? "" : pair.key;
                    Object value = pair.value == null ? null : scrubber.scrubValue(key, String.valueOf(pair.value));
                    shown.add(new KeyValuePair(scrubber.scrub(key), value));
                }
                keyValuePairs = Collections.unmodifiableList(shown);
            }
        }
        return keyValuePairs;
    }

    @Override
    public @Nullable IThrowableProxy getThrowableProxy() {
        if (!throwableRead) {
            throwableRead = true;
            IThrowableProxy proxy = event.getThrowableProxy();
            throwable = proxy == null ? null : new ScrubbedThrowableProxy(proxy, scrubber);
        }
        return throwable;
    }

    @Override
    public String getThreadName() {
        return event.getThreadName();
    }

    @Override
    public Level getLevel() {
        return event.getLevel();
    }

    @Override
    public String getLoggerName() {
        return event.getLoggerName();
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return event.getLoggerContextVO();
    }

    @Override
    public StackTraceElement[] getCallerData() {
        return event.getCallerData();
    }

    @Override
    public boolean hasCallerData() {
        return event.hasCallerData();
    }

    @Override
    @SuppressWarnings("deprecation")
    public @Nullable Marker getMarker() {
        return event.getMarker();
    }

    @Override
    public @Nullable List<Marker> getMarkerList() {
        return event.getMarkerList();
    }

    @Override
    public long getTimeStamp() {
        return event.getTimeStamp();
    }

    @Override
    public int getNanoseconds() {
        return event.getNanoseconds();
    }

    @Override
    public Instant getInstant() {
        return event.getInstant();
    }

    @Override
    public long getSequenceNumber() {
        return event.getSequenceNumber();
    }

    @Override
    public void prepareForDeferredProcessing() {
        event.prepareForDeferredProcessing();
    }

    /** {@code map} with every value scrubbed knowing its key; keys are scrubbed too (they may be built from data). */
    private Map<String, String> scrubbed(@Nullable Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> shown = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String key = entry.getKey();
            if (key == null) {
                continue;
            }
            String value = entry.getValue();
            shown.put(scrubber.scrub(key), value == null ? null : scrubber.scrubValue(key, value));
        }
        return Collections.unmodifiableMap(shown);
    }
}
