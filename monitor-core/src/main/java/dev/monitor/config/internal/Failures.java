package dev.monitor.config.internal;

import dev.monitor.health.HealthResult;
import java.nio.file.FileSystemException;
import java.util.Objects;

/** Short, path-free descriptions of failures for check results. Not API. */
public final class Failures {

    private Failures() {
    }

    /**
     * The exception's type and message, as {@link HealthResult#fail(Throwable)} words it: raw and bounded only by a
     * generous input cap. It is never cut here: the registry scrubs error text first, then keeps its first line of
     * at most 160 characters, so a secret is never cut in half before the scrubber sees it.
     */
    public static String describe(Throwable error) {
        String text = HealthResult.fail(Objects.requireNonNull(error, "error")).error();
        return text == null ? error.getClass().getName() : text;
    }

    /**
     * Describes a file-system failure without the file's path (paths under home directories are
     * personal data): the exception type and the reason, if any, uncut (the registry scrubs, then shortens).
     */
    public static String describeWithoutPath(FileSystemException error) {
        String reason = error.getReason();
        String type = error.getClass().getSimpleName();
        return reason == null || reason.isBlank() ? type : type + ": " + reason.strip();
    }
}
