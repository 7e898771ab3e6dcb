package dev.monitor.health.check.internal;

import dev.monitor.health.HealthResult;
import java.nio.file.FileSystemException;
import java.util.Objects;

/** Short, path-free descriptions of failures for check results. Not API. */
public final class Failures {

    private Failures() {
    }

    /**
     * The exception's type and first message line, as {@link HealthResult#fail(Throwable)} words
     * it (one line, bounded, never a stack trace).
     */
    public static String describe(Throwable error) {
        String text = HealthResult.fail(Objects.requireNonNull(error, "error")).error();
        return text == null ? error.getClass().getName() : text;
    }

    /**
     * Describes a file-system failure without the file's path (paths under home directories are
     * personal data): the exception type and the reason, if any.
     */
    public static String describeWithoutPath(FileSystemException error) {
        String reason = error.getReason();
        String type = error.getClass().getSimpleName();
        return reason == null || reason.isBlank() ? type : type + ": " + firstLine(reason);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        int cr = text.indexOf('\r');
        if (cr >= 0 && (end < 0 || cr < end)) {
            end = cr;
        }
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
