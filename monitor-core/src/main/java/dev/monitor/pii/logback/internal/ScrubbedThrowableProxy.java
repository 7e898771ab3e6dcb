package dev.monitor.pii.logback.internal;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.monitor.pii.Scrubber;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A throwable as a layout shows it: its message, its overriding message and those of its causes and suppressed
 * exceptions scrubbed; class names and stack frames as they are (code, not data). Not API.
 */
final class ScrubbedThrowableProxy implements IThrowableProxy {

    /** Causes followed at most: a cycle or a pathological chain must not run away. */
    private static final int MAX_DEPTH = 64;

    private final IThrowableProxy proxy;
    private final Scrubber scrubber;
    private final int depth;

    ScrubbedThrowableProxy(IThrowableProxy proxy, Scrubber scrubber) {
        this(proxy, scrubber, 0);
    }

    private ScrubbedThrowableProxy(IThrowableProxy proxy, Scrubber scrubber, int depth) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.scrubber = scrubber;
        this.depth = depth;
    }

    @Override
    public @Nullable String getMessage() {
        String message = proxy.getMessage();
        return message == null ? null : scrubber.scrub(message);
    }

    @Override
    public @Nullable String getOverridingMessage() {
        String message = proxy.getOverridingMessage();
        return message == null ? null : scrubber.scrub(message);
    }

    @Override
    public String getClassName() {
        return proxy.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return proxy.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
        return proxy.getCommonFrames();
    }

    @Override
    public @Nullable IThrowableProxy getCause() {
        IThrowableProxy cause = proxy.getCause();
        return cause == null || depth >= MAX_DEPTH ? null : new ScrubbedThrowableProxy(cause, scrubber, depth + 1);
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        IThrowableProxy[] suppressed = proxy.getSuppressed();
        if (suppressed == null || depth >= MAX_DEPTH) {
            return new IThrowableProxy[0];
        }
        IThrowableProxy[] shown = new IThrowableProxy[suppressed.length];
        for (int i = 0; i < suppressed.length; i++) {
            shown[i] = new ScrubbedThrowableProxy(suppressed[i], scrubber, depth + 1);
        }
        return shown;
    }

    @Override
    public boolean isCyclic() {
        return proxy.isCyclic();
    }
}
