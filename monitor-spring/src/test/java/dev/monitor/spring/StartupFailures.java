package dev.monitor.spring;

import java.util.ArrayList;
import java.util.List;

/** Reads what a failed context start told the user. */
public final class StartupFailures {

    private StartupFailures() {
    }

    /** The messages of the failure and all its causes, one per line: what Spring Boot prints when startup fails. */
    public static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable current = failure; current != null; current = current.getCause()) {
            messages.add(current.getClass().getSimpleName() + ": " + current.getMessage());
            if (current.getCause() == current) {
                break;
            }
        }
        return String.join("\n", messages);
    }
}
