package dev.monitor.uptime.internal;

import dev.monitor.health.Ticker;
import dev.monitor.pii.Scrubber;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeTarget;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Checks one target of any kind once; the {@link TargetRunner} around it is the same for every kind. Used by one
 * thread at a time. Not API.
 */
public interface UptimeProbe {

    /**
     * Checks the target once; {@code clock} gives the time the result is stamped with. Never throws; every error
     * text in the result has passed the scrubber, then was cut to {@value UptimeCheckResult#MAX_ERROR_LENGTH}
     * characters.
     */
    UptimeCheckResult check(Supplier<Instant> clock);

    /** The probe for {@code target}'s kind; {@code ticker} measures response times where the probe measures them itself. */
    static UptimeProbe of(UptimeTarget target, Scrubber scrubber, Ticker ticker) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(scrubber, "scrubber");
        Objects.requireNonNull(ticker, "ticker");
        return switch (target.kind()) {
            case HTTP -> new HttpProbe(target, scrubber);
            case TCP -> new TcpProbe(target, scrubber, ticker, TcpProbe.SYSTEM_RESOLVER);
            case DNS -> new DnsProbe(target, scrubber, ticker);
            case SCENARIO -> new ScenarioProbe(target, scrubber, ticker);
        };
    }
}
