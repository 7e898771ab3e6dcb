package dev.monitor.rule.internal;

import dev.monitor.rule.SignalContext;

/**
 * Reads one rule's signal at each evaluation. A reader belongs to one rule and may keep state between
 * evaluations (the samples of a rate); it is called by one thread at a time. Not API.
 */
public interface SignalReader {

    /** Reads the signal now; an exception is an evaluation error. */
    Reading read(SignalContext context) throws Exception;
}
