package dev.monitor.rule;

/**
 * Computes a rule's value from the {@link SignalContext}, e.g. days until a certificate expires. Runs on
 * the rule engine's thread: keep it short and bound any I/O by a timeout.
 */
@FunctionalInterface
public interface SignalFunction {

    /**
     * The current value; {@code NaN} means "no data". A thrown exception is an evaluation error, handled
     * as the rule's {@link AlertRule#onError() onError} says.
     */
    double read(SignalContext context) throws Exception;
}
