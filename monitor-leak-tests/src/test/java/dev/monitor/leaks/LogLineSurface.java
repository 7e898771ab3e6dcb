package dev.monitor.leaks;

import dev.monitor.pii.logback.ScrubbingEncoder;
import dev.monitor.pii.testing.PiiSamples;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An application's log lines through {@link ScrubbingEncoder} (see {@link LogCapture} for its pattern): the message,
 * its arguments, MDC keys and values, key-value pairs (keys and values), and the message of the exception and of its
 * cause, with the stack trace.
 */
final class LogLineSurface implements Surface {

    static final Field MESSAGE = Field.value("message", LogCapture.MESSAGE_CUT);
    static final Field ARGUMENT = Field.value("message argument").near(LogCapture.MESSAGE_CUT);
    static final Field MDC_KEY = Field.key("MDC key");
    static final Field MDC_VALUE = Field.value("MDC value");
    static final Field MDC_SENSITIVE = Field.value("MDC value under a sensitive key").hidden();
    static final Field KV_KEY = Field.key("key-value pair key");
    static final Field KV_VALUE = Field.value("key-value pair value");
    static final Field KV_SENSITIVE = Field.value("key-value pair value under a sensitive key").hidden();
    static final Field EXCEPTION = Field.value("exception message");
    static final Field CAUSE = Field.value("cause message");

    private static final Logger log = LoggerFactory.getLogger("leaks.app.Orders");

    private final PiiSamples samples;

    LogLineSurface(Random random) {
        this.samples = new PiiSamples(random);
    }

    @Override
    public String name() {
        return "log lines";
    }

    @Override
    public List<Field> fields() {
        return List.of(MESSAGE, ARGUMENT, MDC_KEY, MDC_VALUE, MDC_SENSITIVE, KV_KEY, KV_VALUE, KV_SENSITIVE, EXCEPTION,
                CAUSE);
    }

    @Override
    public int batchSize() {
        return 50;
    }

    @Override
    public Drive drive(List<Planting> batch) {
        for (Planting planting : batch) {
            String text = planting.text();
            Field field = planting.field();
            try {
                MDC.put("request_id", "req-" + planting.index());
                if (field == MESSAGE) {
                    log.info(text);
                } else if (field == ARGUMENT) {
                    log.info("order {} shipped to {}", planting.index(), text);
                } else if (field == MDC_KEY) {
                    MDC.put(text, "on");
                    log.info("order shipped");
                } else if (field == MDC_VALUE) {
                    MDC.put("customer", text);
                    log.info("order shipped");
                } else if (field == MDC_SENSITIVE) {
                    MDC.put(samples.sensitiveKey(), text);
                    log.info("order shipped");
                } else if (field == KV_KEY) {
                    log.atInfo().addKeyValue(text, "on").log("order shipped");
                } else if (field == KV_VALUE) {
                    log.atInfo().addKeyValue("customer", text).log("order shipped");
                } else if (field == KV_SENSITIVE) {
                    log.atInfo().addKeyValue(samples.sensitiveKey(), text).log("order shipped");
                } else if (field == EXCEPTION) {
                    log.warn("order failed", new IllegalStateException(text));
                } else if (field == CAUSE) {
                    log.warn("order failed", new RuntimeException("charge failed", new IllegalStateException(text)));
                }
            } finally {
                MDC.clear();
            }
        }
        return new Drive(); // the lines are in the log capture
    }
}
