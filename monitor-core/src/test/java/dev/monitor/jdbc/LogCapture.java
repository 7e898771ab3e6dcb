package dev.monitor.jdbc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures what the JDBC monitoring logs, as formatted lines, for assertions. */
final class LogCapture implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(MonitoredDataSource.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    /**
     * Every captured line, formatted, with its level in front and, when there are any, its MDC and key-value pairs
     * behind ({@code {request_id=req-42} [duration_ms="400"]}), as a pattern {@code %level %msg %X %kvp} shows it.
     */
    List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(LogCapture::line).toList();
        }
    }

    private static String line(ILoggingEvent event) {
        StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ').append(event.getFormattedMessage());
        if (!event.getMDCPropertyMap().isEmpty()) {
            line.append(' ').append(event.getMDCPropertyMap());
        }
        if (event.getKeyValuePairs() != null && !event.getKeyValuePairs().isEmpty()) {
            line.append(' ').append(event.getKeyValuePairs());
        }
        return line.toString();
    }

    List<String> linesContaining(String text) {
        return lines().stream().filter(line -> line.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
