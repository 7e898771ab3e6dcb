package dev.monitor.uptime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.CheckStatus;
import dev.monitor.health.Ticker;
import dev.monitor.pii.Scrubber;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeTarget;
import java.net.UnknownHostException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the TCP probe reports when the host does not resolve, with a resolver that never leaves the process. */
class TcpProbeTest {

    @Test
    void aHostThatDoesNotResolveIsReportedAsUnresolved() {
        UptimeTarget target = UptimeTarget.tcp("db", "db.nowhere.invalid", 5432).build();
        TcpProbe probe = new TcpProbe(target, Scrubber.defaults(), Ticker.system(), host -> {
            throw new UnknownHostException(host);
        });

        UptimeCheckResult result = probe.check(Instant::now);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("unresolved host 'db.nowhere.invalid'");
        assertThat(result.responseTime()).isNull();
    }
}
