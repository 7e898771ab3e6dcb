package dev.monitor.health;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.lang.reflect.InvocationTargetException;

/** Turns exceptions into one short line without a stack trace. */
final class ErrorText {

    /** Longest error text kept; keeps a 50-check report well under 10 KiB. */
    static final int MAX_LENGTH = 160;

    private ErrorText() {
    }

    static String of(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage();
        String type = cause.getClass().getSimpleName();
        if (type.isEmpty()) {
            type = cause.getClass().getName();
        }
        return clean(message == null || message.isBlank() ? type : type + ": " + message);
    }

    /** Keeps the first line only (stack traces and multi-line dumps never leave) and bounds the length. */
    static String clean(String text) {
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                end = i;
                break;
            }
        }
        String line = text.substring(0, end).strip();
        if (line.length() > MAX_LENGTH) {
            line = line.substring(0, MAX_LENGTH - 1) + "…";
        }
        return line;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                        || current instanceof InvocationTargetException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
