package dev.monitor.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertMeters;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.EmailChannel;
import dev.monitor.alert.support.Await;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.TrackedRequest;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CPU, traffic spike and e-mail delivery rules of the standard pack, driven over their thresholds and back on a
 * manual clock: CPU from a gauge of the name Micrometer's {@code ProcessorMetrics} registers (or any supplier), traffic
 * from the request monitor's own timer, e-mail failures from a real dispatcher whose e-mail channel points at a closed
 * port on loopback.
 */
class OperationalStandardRulesTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final ManualScheduler time = new ManualScheduler(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, time.micrometerClock());
    private final AlertCapture alerts = new AlertCapture();
    private final List<RuleTransition> transitions = new ArrayList<>();
    private final RuleEngine engine = RuleEngine.builder()
            .dispatcher(alerts.dispatcher())
            .meterRegistry(registry)
            .clock(time.clock())
            .scheduler(time)
            .interval(INTERVAL)
            .listener(alerts)
            .listener(transitions::add)
            .build();
    private final RequestMonitor requests = RequestMonitor.builder().meterRegistry(registry).clock(time.micrometerClock())
            .slowRequestThreshold(Duration.ofMinutes(1)).build();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        engine.close();
        alerts.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private boolean fired(String name) {
        return transitions.stream().anyMatch(t -> t.rule().equals(name) && t.to() == RuleState.FIRING);
    }

    private RuleStatus status(String name) {
        return engine.statuses().stream().filter(status -> status.rule().equals(name)).findFirst().orElseThrow();
    }

    /** {@code perInterval} requests answered at once, then one evaluation interval passes; repeated for {@code duration}. */
    private void traffic(int perInterval, Duration duration) {
        Instant end = time.now().plus(duration);
        while (time.now().isBefore(end)) {
            for (int i = 0; i < perInterval; i++) {
                TrackedRequest request = requests.start("GET", null, null);
                request.route("/orders");
                request.end(200);
            }
            time.advance(INTERVAL);
        }
    }

    @Test
    void processorMetricsRegistersTheGaugeTheCpuRuleReads() {
        SimpleMeterRegistry jvm = new SimpleMeterRegistry();
        new ProcessorMetrics().bindTo(jvm);

        assertThat(jvm.find(StandardRules.PROCESS_CPU_USAGE).gauge()).isNotNull();
    }

    @Test
    void highCpuUsageFiresAfterTenMinutesAboveNinetyPercentAndResolvesBelowEighty() {
        AtomicReference<Double> cpu = new AtomicReference<>(0.2);
        Gauge.builder(StandardRules.PROCESS_CPU_USAGE, cpu, AtomicReference::get).register(registry);
        engine.add(StandardRules.highCpuUsage());

        cpu.set(0.95);
        time.advance(Duration.ofMinutes(9).plusSeconds(30));
        assertThat(fired("HighCpuUsage")).isFalse();
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED HighCpuUsage");
        assertThat(alerts.seen().get(0).alert().severity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo("CPU 95% busy (threshold 90% for 10m)");

        cpu.set(0.85); // between the thresholds: still firing
        time.advance(Duration.ofMinutes(5));
        assertThat(alerts.events()).containsExactly("FIRED HighCpuUsage");
        cpu.set(0.5);
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED HighCpuUsage", "RESOLVED HighCpuUsage");
    }

    @Test
    void highCpuUsageReadsAnySupplierAndTreatsANegativeReadingAsNoData() {
        AtomicReference<Double> systemCpu = new AtomicReference<>(-1.0); // OperatingSystemMXBean: -1 when not available
        engine.add(StandardRules.highCpuUsage(systemCpu::get));

        time.advance(Duration.ofMinutes(15));
        assertThat(status("HighCpuUsage").lastProblem()).contains("NaN");
        systemCpu.set(0.99);
        time.advance(Duration.ofMinutes(10).plus(INTERVAL));

        assertThat(alerts.events()).containsExactly("FIRED HighCpuUsage");
    }

    @Test
    void trafficSpikeFiresWhenTheRateTriplesItsMedianOfTheHourBeforeAndResolvesWhenItCalmsDown() {
        engine.add(StandardRules.trafficSpike());

        traffic(60, Duration.ofMinutes(30)); // 2 requests/s
        assertThat(status("TrafficSpike").lastProblem()).contains("the baseline needs 1h5m of samples, has 30m");
        traffic(60, Duration.ofMinutes(40));
        assertThat(status("TrafficSpike").lastValue()).isEqualTo(1.0);
        assertThat(fired("TrafficSpike")).isFalse();

        traffic(300, Duration.ofMinutes(2)); // 10 requests/s for 2 of the 5 minutes: 5.2 requests/s, 2.6 times
        assertThat(fired("TrafficSpike")).isFalse();
        traffic(300, Duration.ofMinutes(1)); // 3 of 5 minutes: 6.8 requests/s, 3.4 times
        assertThat(alerts.events()).containsExactly("FIRED TrafficSpike");
        assertThat(alerts.seen().get(0).alert().severity()).isEqualTo(AlertSeverity.MEDIUM);
        assertThat(alerts.seen().get(0).alert().summary())
                .isEqualTo("requests at 3.4 times their usual rate (threshold 3 times the median of the hour before)");

        traffic(60, Duration.ofMinutes(5));
        assertThat(alerts.events()).containsExactly("FIRED TrafficSpike", "RESOLVED TrafficSpike");
    }

    @Test
    void trafficSpikeIgnoresAQuietServiceWhoseFewRequestsTriple() {
        engine.add(StandardRules.trafficSpike());

        traffic(1, Duration.ofMinutes(70)); // 2 requests a minute
        traffic(10, Duration.ofMinutes(10)); // 20 a minute: ten times as many, but below the floor of 1 request/s

        assertThat(fired("TrafficSpike")).isFalse();
        assertThat(status("TrafficSpike").lastValue()).isLessThan(1.0);
    }

    @Test
    void trafficSpikeIsTunedWithinFactorsAboveOne() {
        assertThat(StandardRule.TRAFFIC_SPIKE.tune().threshold(5).build().threshold()).isEqualTo(5);
        assertThat(StandardRule.TRAFFIC_SPIKE.tune().threshold(5).build().clearThreshold()).isCloseTo(5 * 2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> StandardRule.TRAFFIC_SPIKE.tune().threshold(0.5))
                .hasMessage("threshold must be a factor above 1 (3 is three times the usual), was 0.5");
        assertThatThrownBy(() -> RuleSignal.rateToBaseline("http.server.requests", Duration.ofMinutes(5), 0, 1))
                .hasMessage("baselineWindows must be between 1 and 100, was 0");
        assertThatThrownBy(() -> RuleSignal.rateToBaseline("http.server.requests", Duration.ofMinutes(5), 12, 0))
                .hasMessage("minBaselineRate must be a rate per second above 0 (e.g. 1.0), was 0.0");
    }

    @Test
    void emailDeliveryFailuresFireWhenTheEmailChannelCannotReachItsServerAndResolveWhenFailuresStop() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // closed again below: connections are refused
        }
        EmailChannel email = EmailChannel.builder().server("127.0.0.1", closedPort).security(EmailChannel.Security.NONE)
                .from("alerts@example.com").to("ops@example.com").build();
        AlertDispatcher mail = AlertDispatcher.builder()
                .channel(email, DeliveryPolicy.from(email.defaultPolicy()).attemptTimeout(Duration.ofSeconds(30))
                        .backoff(Duration.ofMillis(50), 2, Duration.ofMillis(400)).build())
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build())
                .meterRegistry(registry)
                .closeTimeout(Duration.ZERO)
                .build();
        resources.add(mail);
        engine.add(StandardRules.emailDeliveryFailures());
        time.advance(INTERVAL);

        for (int i = 0; i < 5; i++) {
            mail.fire(Alert.builder("OrdersDown").label("service", "orders-" + i).build());
        }
        Await.until(Duration.ofSeconds(60), () -> failedEmails() >= 4, () -> "failed e-mail attempts: " + failedEmails() + " " + mail.stats());
        time.advance(INTERVAL);

        assertThat(alerts.events()).containsExactly("FIRED EmailDeliveryFailing{channel=email}");
        Alert fired = alerts.seen().get(0).alert();
        assertThat(fired.labels()).containsEntry("channel", "email");
        assertThat(fired.severity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(fired.summary()).matches("\\d+ e-mail deliveries of channel email failed in the last 15 minutes \\(threshold 3\\)");

        mail.close(); // no more attempts, so no more failures
        time.advance(Duration.ofMinutes(16));
        assertThat(alerts.events()).containsExactly("FIRED EmailDeliveryFailing{channel=email}", "RESOLVED EmailDeliveryFailing{channel=email}");
    }

    private double failedEmails() {
        return registry.find(AlertMeters.NOTIFICATIONS.meterName()).tags("channel", "email", "outcome", "failed")
                .functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
    }

    @Test
    void emailDeliveryFailuresReadsAnyNamedChannelAndRefusesABadName() {
        assertThat(StandardRules.emailDeliveryFailures("ops-mail").labels()).containsEntry("channel", "ops-mail");
        assertThatThrownBy(() -> StandardRules.emailDeliveryFailures("ops mail"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("channel");
    }
}
