package dev.monitor.health;

import dev.monitor.pii.Scrubber;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns exceptions into text, and any error text into the one short scrubbed line a report shows. Not API.
 *
 * <p>Order matters: text is scrubbed first, then its first line is taken and shortened. Cutting first could leave
 * part of a card number or an email address that the scrubber no longer recognizes ({@code "…4111 1111 1111"}).
 * The only bound on raw text is {@link #MAX_INPUT_LENGTH}, a cap on the scrubber's work far above the output
 * limit (see there).
 */
final class ErrorText {

    /** Longest error text a report shows, after scrubbing; keeps a 50-check report well under 10 KiB. */
    static final int MAX_LENGTH = 160;

    /**
     * Longest raw text that is scrubbed; the rest of a longer text is dropped before scrubbing. This bounds the
     * work spent on a pathological exception message. It is a hundred times the output limit: only the first
     * {@value #MAX_LENGTH} characters of the scrubbed first line are shown, so a secret cut in half at this
     * bound could only show if everything before it scrubbed down to fewer than {@value #MAX_LENGTH} characters.
     */
    static final int MAX_INPUT_LENGTH = 16 * 1024;

    /** How many wrappers ({@code CompletionException}, ...) are looked through; a cause cycle ends here too. */
    private static final int MAX_UNWRAP = 8;

    private ErrorText() {
    }

    /**
     * The exception's type and message ({@code "IllegalStateException: connection refused"}), raw and possibly
     * several lines long, at most {@link #MAX_INPUT_LENGTH} characters. Never throws, whatever the exception's
     * {@code getMessage()}, {@code getCause()} or class do.
     */
    static String of(Throwable error) {
        Throwable cause = unwrap(error);
        String type = typeName(cause);
        String message;
        try {
            message = cause.getMessage();
        } catch (Throwable unreadable) {
            return type + " (its message could not be read: " + typeName(unreadable) + ")";
        }
        if (message == null || message.isBlank()) {
            return type;
        }
        return capInput(type + ": " + message);
    }

    /**
     * The line a report shows for {@code text}: scrubbed, then its first line, stripped, then shortened to
     * {@link #MAX_LENGTH} characters with {@code "…"}.
     */
    static String clean(Scrubber scrubber, String text) {
        String scrubbed = scrubber.scrub(capInput(text));
        // The first line of scrubbed text is scrubbed text: this second pass finds nothing new, it only cuts.
        return scrubber.scrub(firstLine(scrubbed), MAX_LENGTH);
    }

    private static String firstLine(String text) {
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                end = i;
                break;
            }
        }
        return text.substring(0, end).strip();
    }

    private static String capInput(String text) {
        if (text.length() <= MAX_INPUT_LENGTH) {
            return text;
        }
        int end = MAX_INPUT_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        for (int depth = 0; depth < MAX_UNWRAP; depth++) {
            if (!(current instanceof CompletionException || current instanceof ExecutionException
                    || current instanceof InvocationTargetException)) {
                break;
            }
            Throwable cause;
            try {
                cause = current.getCause();
            } catch (Throwable unreadable) {
                break;
            }
            if (cause == null || cause == current) {
                break;
            }
            current = cause;
        }
        return current;
    }

    private static String typeName(Throwable error) {
        Class<?> type = error.getClass();
        try {
            String simple = type.getSimpleName();
            return simple.isEmpty() ? type.getName() : simple;
        } catch (Throwable malformed) { // InternalError "Malformed class name" on odd synthetic classes
            return type.getName();
        }
    }
}
