package dev.monitor.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.support.Await;
import dev.monitor.health.CheckReport;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthRegistry;
import dev.monitor.pii.PiiKind;
import dev.monitor.pii.Scrubber;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * DNS targets against a loopback UDP responder built with dnsjava's message classes: every record type, both ways
 * of matching, and each failure class (NXDOMAIN, wrong answer, timeout, error).
 */
class DnsTargetTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ManualScheduler time = new ManualScheduler(Instant.now().truncatedTo(ChronoUnit.HOURS));
    private final AtomicLong nanos = new AtomicLong();
    private final AlertCapture alerts = new AlertCapture();
    private final UptimeMonitor monitor = UptimeMonitor.builder().dispatcher(alerts.dispatcher()).clock(time.clock())
            .scheduler(time).ticker(() -> nanos.addAndGet(Duration.ofMillis(4).toNanos())).build();
    private final LoopbackDnsResponder dns;

    DnsTargetTest() throws Exception {
        dns = new LoopbackDnsResponder();
        dns.answer("shop.example.test", Type.A,
                new ARecord(LoopbackDnsResponder.name("shop.example.test"), DClass.IN, 60, InetAddress.getByName("192.0.2.10")),
                new ARecord(LoopbackDnsResponder.name("shop.example.test"), DClass.IN, 60, InetAddress.getByName("192.0.2.11")));
        dns.answer("shop.example.test", Type.AAAA,
                new AAAARecord(LoopbackDnsResponder.name("shop.example.test"), DClass.IN, 60, InetAddress.getByName("2001:db8::10")));
        dns.answer("www.example.test", Type.CNAME, new CNAMERecord(LoopbackDnsResponder.name("www.example.test"), DClass.IN, 60,
                LoopbackDnsResponder.name("shop.example.test")));
        dns.answer("example.test", Type.MX,
                new MXRecord(LoopbackDnsResponder.name("example.test"), DClass.IN, 60, 10, LoopbackDnsResponder.name("mx1.example.test")),
                new MXRecord(LoopbackDnsResponder.name("example.test"), DClass.IN, 60, 20, LoopbackDnsResponder.name("mx2.example.test")));
        dns.answer("example.test", Type.TXT, new TXTRecord(LoopbackDnsResponder.name("example.test"), DClass.IN, 60,
                List.of("v=spf1 ", "include:mail.example.test -all")),
                new TXTRecord(LoopbackDnsResponder.name("example.test"), DClass.IN, 60, "site-verification=abc123"));
    }

    @AfterEach
    void close() {
        monitor.close();
        alerts.close();
        dns.close();
    }

    private DnsQuery.Builder query(String name, DnsRecordType type) {
        return DnsQuery.builder(name, type).resolver("127.0.0.1", dns.port());
    }

    private UptimeTarget.Builder target(String name, DnsQuery query) {
        return UptimeTarget.dns(name, query).interval(MINUTE).timeout(Duration.ofSeconds(30)).failureThreshold(1);
    }

    private UptimeCheckResult checkOnce(String name) {
        time.runDue();
        return monitor.summary(name).lastResult();
    }

    private List<String> events(int count) {
        Await.until(Duration.ofSeconds(30), () -> alerts.events().size() >= count, () -> "alerts: " + alerts.events());
        return alerts.events();
    }

    @Test
    void everyRecordTypeMatchesItsExpectedValuesInCanonicalForm() {
        monitor.add(target("a", query("shop.example.test", DnsRecordType.A).expectExactly("192.0.2.11", "192.0.2.10").build()).build());
        monitor.add(target("aaaa", query("SHOP.example.test.", DnsRecordType.AAAA).expectExactly("2001:DB8:0::10").build()).build());
        monitor.add(target("cname", query("www.example.test", DnsRecordType.CNAME).expectExactly("Shop.Example.Test.").build()).build());
        monitor.add(target("mx", query("example.test", DnsRecordType.MX).expectContaining("mx1.example.test").build()).build());
        monitor.add(target("txt", query("example.test", DnsRecordType.TXT)
                .expectContaining("v=spf1 include:mail.example.test -all").build()).build());
        monitor.add(target("any", query("shop.example.test", DnsRecordType.A).build()).build());
        time.runDue();

        for (String name : List.of("a", "aaaa", "cname", "mx", "txt", "any")) {
            UptimeCheckResult result = monitor.summary(name).lastResult();
            assertThat(result.status()).as(name + ": " + result.error()).isEqualTo(CheckStatus.PASS);
            assertThat(result.responseTime()).as(name).isEqualTo(Duration.ofMillis(4));
            assertThat(monitor.summary(name).state()).as(name).isEqualTo(UptimeState.UP);
        }
        assertThat(alerts.events()).isEmpty();
    }

    @Test
    void aNameThatDoesNotExistIsNxdomainAndAlerts() {
        HealthRegistry health = HealthRegistry.builder().build();
        monitor.register(health);
        monitor.add(target("gone", query("gone.example.test", DnsRecordType.A).build()).build());

        UptimeCheckResult result = checkOnce("gone");

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("NXDOMAIN: gone.example.test does not exist");
        assertThat(events(1)).containsExactly("FIRED UptimeTargetDown{target=gone}");
        assertThat(alerts.seen().get(0).alert().summary())
                .isEqualTo("gone is down: NXDOMAIN: gone.example.test does not exist (1 failed checks in a row)");
        CheckReport check = health.report().checks().get("uptime-gone");
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.error()).isEqualTo("NXDOMAIN: gone.example.test does not exist");
        health.close();
    }

    @Test
    void answersOtherThanExpectedAreWrongAnswers() {
        monitor.add(target("moved", query("shop.example.test", DnsRecordType.A).expectExactly("192.0.2.10").build()).build());
        monitor.add(target("missing", query("shop.example.test", DnsRecordType.A).expectContaining("192.0.2.99").build()).build());
        monitor.add(target("no-mx", query("shop.example.test", DnsRecordType.MX).build()).build());
        time.runDue();

        // addresses are personal data to the default scrubber: the error says what is wrong without them
        assertThat(monitor.summary("moved").lastResult().error())
                .isEqualTo("wrong answer: A shop.example.test is [[ip_address], [ip_address]], expected exactly [[ip_address]]");
        assertThat(monitor.summary("missing").lastResult().error())
                .isEqualTo("wrong answer: A shop.example.test is [[ip_address], [ip_address]], expected to contain [[ip_address]]");
        assertThat(monitor.summary("no-mx").lastResult().error()).isEqualTo("wrong answer: no MX record for shop.example.test");
        assertThat(events(3)).hasSize(3);
    }

    @Test
    void aScrubberThatKeepsAddressesShowsTheWrongAnswer() {
        try (UptimeMonitor keeping = UptimeMonitor.builder().clock(time.clock()).scheduler(time)
                .scrubber(Scrubber.builder().disable(PiiKind.IP_ADDRESS).build()).build()) {
            keeping.add(target("moved", query("shop.example.test", DnsRecordType.A).expectExactly("192.0.2.10").build()).build());
            keeping.add(target("cname", query("www.example.test", DnsRecordType.CNAME).expectExactly("old.example.test").build())
                    .build());
            time.runDue();

            assertThat(keeping.summary("moved").lastResult().error())
                    .isEqualTo("wrong answer: A shop.example.test is [192.0.2.10, 192.0.2.11], expected exactly [192.0.2.10]");
            assertThat(keeping.summary("cname").lastResult().error())
                    .isEqualTo("wrong answer: CNAME www.example.test is [shop.example.test], expected exactly [old.example.test]");
        }
    }

    @Test
    void aResolverThatNeverAnswersTimesOut() {
        dns.mode(LoopbackDnsResponder.Mode.SILENT);
        monitor.add(target("slow", query("shop.example.test", DnsRecordType.A).build()).timeout(Duration.ofMillis(300)).build());

        UptimeCheckResult result = checkOnce("slow");

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("timed out after 300 ms");
        assertThat(result.responseTime()).isNull();
        Await.until(Duration.ofSeconds(30), () -> dns.queries() > 0, () -> "the responder received the query");
    }

    @Test
    void aServfailIsAnError() {
        dns.mode(LoopbackDnsResponder.Mode.SERVFAIL);
        monitor.add(target("broken", query("shop.example.test", DnsRecordType.A).build()).build());

        assertThat(checkOnce("broken").error()).isEqualTo("error: the resolver answered SERVFAIL");
    }

    @Test
    void aSlowAnswerIsDegraded() {
        monitor.add(target("dns", query("shop.example.test", DnsRecordType.A).build()).degradedAbove(Duration.ofMillis(3)).build());

        UptimeCheckResult result = checkOnce("dns");

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.error()).isEqualTo("slow answer: 4 ms (warn above 3 ms)");
    }

    @Test
    void queriesRefuseBadNamesValuesAndResolvers() {
        assertThatThrownBy(() -> DnsQuery.builder("bad name", DnsRecordType.A)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be a domain name such as 'shop.example.com', was 'bad name'");
        assertThatThrownBy(() -> DnsQuery.builder("shop.example.test", DnsRecordType.A).expectExactly("shop.example.test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected value must be an IPv4 address such as '192.0.2.1', was 'shop.example.test'");
        assertThatThrownBy(() -> DnsQuery.builder("shop.example.test", DnsRecordType.AAAA).expectExactly("192.0.2.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected value must be an IPv6 address such as '2001:db8::1', was '192.0.2.1'");
        assertThatThrownBy(() -> DnsQuery.builder("shop.example.test", DnsRecordType.A).resolver("127.0.0.1", 70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("resolver port must be between 1 and 65535, was 70000");
        assertThatThrownBy(() -> DnsQuery.builder("shop.example.test", DnsRecordType.A).expectExactly())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected values of the A query of shop.example.test must not be empty");
    }
}
