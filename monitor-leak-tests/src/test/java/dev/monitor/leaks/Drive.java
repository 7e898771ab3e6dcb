package dev.monitor.leaks;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** What one {@link Surface#drive} put out, and which planted values it refused at its boundary. */
final class Drive {

    /** One output text and what it is, e.g. {@code "GET /health (application/health+json)"}. */
    record Output(String what, String text) {
    }

    private final List<Output> outputs = new ArrayList<>();
    private final Map<Planting, RuntimeException> refused = new IdentityHashMap<>();

    /** Adds an output text. */
    Drive output(String what, String text) {
        outputs.add(new Output(what, text));
        return this;
    }

    /**
     * Records that the component refused the value of {@code planting} with {@code refusal}: a pass for that case if it
     * is an {@link IllegalArgumentException} whose message does not hold the value either.
     */
    void refused(Planting planting, RuntimeException refusal) {
        refused.put(planting, refusal);
    }

    /** Whether {@code planting} was refused. */
    boolean isRefused(Planting planting) {
        return refused.containsKey(planting);
    }

    List<Output> outputs() {
        return outputs;
    }

    Map<Planting, RuntimeException> refusals() {
        return refused;
    }
}
