package dev.monitor.pii.logback;

import ch.qos.logback.core.Context;
import dev.monitor.pii.Scrubber;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the {@link Scrubber} used by {@link ScrubbingEncoder} and {@link ScrubbedMessageConverter} of one Logback
 * context; without a call to {@link #install}, they use {@link Scrubber#defaults()}.
 *
 * <pre>{@code
 * LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
 * LogbackScrubbing.install(context, Scrubber.builder().sensitiveKeys("employee_number").build());
 * }</pre>
 */
public final class LogbackScrubbing {

    /** The key under which the scrubber is stored in the Logback context. */
    public static final String CONTEXT_KEY = "dev.monitor.pii.Scrubber";

    private LogbackScrubbing() {
    }

    /** Makes {@code scrubber} the one used by the scrubbing encoder and converter of {@code context}. */
    public static void install(Context context, Scrubber scrubber) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(scrubber, "scrubber");
        context.putObject(CONTEXT_KEY, scrubber);
    }

    /** The scrubber installed in {@code context}, or {@link Scrubber#defaults()}. */
    public static Scrubber scrubberOf(@Nullable Context context) {
        Object installed = context == null ? null : context.getObject(CONTEXT_KEY);
        return installed instanceof Scrubber scrubber ? scrubber : Scrubber.defaults();
    }
}
