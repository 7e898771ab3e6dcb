package dev.monitor.leaks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.monitor.pii.logback.ScrubbingEncoder;
import dev.monitor.pii.logback.ScrubbingJsonEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every log line of the run, two ways: the library's own lines ({@code dev.monitor.*} loggers) as formatted, before any
 * encoder, since the library promises to scrub what it logs itself (slow queries, alert notifications, delivery
 * errors); and every line of every logger as written by {@link ScrubbingEncoder}, the encoder an application puts in
 * front of its appenders, with the message, its cut form, the MDC, the key-value pairs and the exception with its
 * causes in the pattern, and as written by {@link ScrubbingJsonEncoder} (JSON lines), parsed and decoded.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** The message is also written cut to this many characters, to plant around a pattern's own cut. */
    static final int MESSAGE_CUT = 160;
    private static final String PATTERN = "%level %logger [%thread] {%X} %msg | %.-" + MESSAGE_CUT + "msg | %kvp%n%ex";

    /** How a JSON encoder's line that does not parse as one JSON object starts, for the suite to report it. */
    static final String NOT_JSON = "NOT ONE JSON OBJECT: ";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ScrubbingEncoder encoder = new ScrubbingEncoder();
    private final ScrubbingJsonEncoder jsonEncoder = new ScrubbingJsonEncoder();
    private final ConcurrentLinkedQueue<Drive.Output> lines = new ConcurrentLinkedQueue<>();
    private final Logger root;

    LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(context);
        setName("leak-capture");
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        jsonEncoder.setContext(context);
        jsonEncoder.setMaxValueLength(MESSAGE_CUT); // planted around the JSON encoder's own cut too
        jsonEncoder.start();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLoggerName().startsWith("dev.monitor.")) {
            lines.add(new Drive.Output("a log line of " + event.getLoggerName() + " as formatted",
                    event.getFormattedMessage()));
        }
        lines.add(new Drive.Output("a log line of " + event.getLoggerName() + " through ScrubbingEncoder",
                new String(encoder.encode(event), StandardCharsets.UTF_8)));
        lines.add(new Drive.Output("a log line of " + event.getLoggerName() + " through ScrubbingJsonEncoder",
                decoded(new String(jsonEncoder.encode(event), StandardCharsets.UTF_8))));
    }

    /**
     * Every name and string value of a JSON line, decoded, one per line: what a log reader sees once escapes are
     * undone. A line that is not one JSON object is returned as it is behind {@link #NOT_JSON}: the leak check still
     * reads it, and the suite fails on it.
     */
    private static String decoded(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.isObject()) {
                return NOT_JSON + line;
            }
            StringBuilder text = new StringBuilder();
            decode(node, text);
            return text.toString();
        } catch (JacksonException e) {
            return NOT_JSON + line;
        }
    }

    private static void decode(JsonNode node, StringBuilder text) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                text.append(property.getKey()).append('\n');
                decode(property.getValue(), text);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                decode(element, text);
            }
        } else {
            text.append(node.asString()).append('\n');
        }
    }

    /** Takes the lines logged so far. */
    List<Drive.Output> drain() {
        List<Drive.Output> drained = new ArrayList<>();
        for (Drive.Output line; (line = lines.poll()) != null; ) {
            drained.add(line);
        }
        return drained;
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
        encoder.stop();
        jsonEncoder.stop();
    }
}
