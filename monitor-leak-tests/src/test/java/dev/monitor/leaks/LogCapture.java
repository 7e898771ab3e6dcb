package dev.monitor.leaks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.monitor.pii.logback.ScrubbingEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Every log line of the run, two ways: the library's own lines ({@code dev.monitor.*} loggers) as formatted, before any
 * encoder, since the library promises to scrub what it logs itself (slow queries, alert notifications, delivery
 * errors); and every line of every logger as written by {@link ScrubbingEncoder}, the encoder an application puts in
 * front of its appenders, with the message, its cut form, the MDC, the key-value pairs and the exception with its
 * causes in the pattern.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** The message is also written cut to this many characters, to plant around a pattern's own cut. */
    static final int MESSAGE_CUT = 160;
    private static final String PATTERN = "%level %logger [%thread] {%X} %msg | %.-" + MESSAGE_CUT + "msg | %kvp%n%ex";

    private final ScrubbingEncoder encoder = new ScrubbingEncoder();
    private final ConcurrentLinkedQueue<Drive.Output> lines = new ConcurrentLinkedQueue<>();
    private final Logger root;

    LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(context);
        setName("leak-capture");
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
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
    }
}
