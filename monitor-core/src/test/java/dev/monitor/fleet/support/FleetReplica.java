package dev.monitor.fleet.support;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.channel.WebhookChannel;
import dev.monitor.fleet.FleetMeters;
import dev.monitor.fleet.FleetRunner;
import dev.monitor.fleet.JdbcMonitorStore;
import dev.monitor.uptime.UptimeMonitor;
import dev.monitor.uptime.UptimeTarget;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One replica of a fleet, as its own process, for {@code FleetProcessesContract}: a {@link JdbcMonitorStore} on the
 * database named by its arguments, an {@link UptimeMonitor} whose checks go through the store's runner, and an
 * {@link AlertDispatcher} with a webhook channel and the store's claims. Commands arrive on standard input, one a
 * line; answers go to standard output prefixed {@value #ANSWER} (log lines are not). It exits when standard input
 * closes, so a test that dies leaves no replica behind.
 *
 * <ul>
 *   <li>{@code uptime NAME URL INTERVAL_MS TIMEOUT_MS}: adds a target (with the header {@code X-Replica: ID}).
 *   <li>{@code fire NAME}: fires alert NAME{service=orders}.
 *   <li>{@code status TASK}: {@code ran=N skipped=N running=BOOL attempts=EPOCH_MS,... starts=EPOCH_MS,...} of the
 *       fleet task (the last 20 runs: when the lease was asked for, when the run started), then the store's claims
 *       {@code won=N lost=N}.
 * </ul>
 *
 * <p>Arguments: replica id, JDBC URL, user, password, webhook URL, lease in milliseconds.
 */
public final class FleetReplica {

    /** The prefix of protocol lines on standard output. */
    public static final String ANSWER = "@@ ";

    private FleetReplica() {
    }

    /** A runner that remembers, per task, what it ran and when, so the test can ask who holds a task. */
    private static final class TrackingRunner implements FleetRunner {
        private final FleetRunner delegate;
        private final Map<String, Track> tracks = new ConcurrentHashMap<>();

        TrackingRunner(FleetRunner delegate) {
            this.delegate = delegate;
        }

        private static final class Track {
            long ran;
            long skipped;
            boolean running;
            final Deque<Long> attempts = new ArrayDeque<>();
            final Deque<Long> starts = new ArrayDeque<>();
        }

        @Override
        public Duration lease() {
            return delegate.lease();
        }

        @Override
        public boolean runOnce(String name, Duration lockAtLeastFor, Duration lockAtMostFor, Runnable task) {
            Track track = tracks.computeIfAbsent(name, n -> new Track());
            long attempt = System.currentTimeMillis(); // before the lease is taken: it starts no earlier
            boolean ran = delegate.runOnce(name, lockAtLeastFor, lockAtMostFor, () -> {
                synchronized (track) {
                    track.ran++;
                    track.running = true;
                    track.attempts.addLast(attempt);
                    track.starts.addLast(System.currentTimeMillis()); // after the lease was taken
                    while (track.starts.size() > 20) {
                        track.starts.removeFirst();
                        track.attempts.removeFirst();
                    }
                }
                try {
                    task.run();
                } finally {
                    synchronized (track) {
                        track.running = false;
                    }
                }
            });
            if (!ran) {
                synchronized (track) {
                    track.skipped++;
                }
            }
            return ran;
        }

        private static String join(Deque<Long> times) {
            StringBuilder text = new StringBuilder();
            for (long time : times) {
                text.append(text.isEmpty() ? "" : ",").append(time);
            }
            return text.isEmpty() ? "-" : text.toString();
        }

        String status(String name) {
            Track track = tracks.computeIfAbsent(name, n -> new Track());
            synchronized (track) {
                return "ran=" + track.ran + " skipped=" + track.skipped + " running=" + track.running + " attempts="
                        + join(track.attempts) + " starts=" + join(track.starts);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String id = args[0];
        DataSource dataSource = dataSource(args[1], args[2], args[3]);
        String webhook = args[4];
        Duration lease = Duration.ofMillis(Long.parseLong(args[5]));
        MeterRegistry meters = new SimpleMeterRegistry();
        JdbcMonitorStore store = JdbcMonitorStore.builder(dataSource).replicaId(id).lease(lease).meterRegistry(meters).build();
        TrackingRunner runner = new TrackingRunner(store.runner());
        AlertDispatcher alerts = AlertDispatcher.builder()
                .channel(WebhookChannel.builder().url(webhook).build())
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build())
                .store(store)
                .build();
        UptimeMonitor uptime = UptimeMonitor.builder().runner(runner).build();
        answer("READY " + id + " schema=" + store.isSchemaReady());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ");
            try {
                switch (words[0]) {
                    case "uptime" -> {
                        uptime.add(UptimeTarget.builder(words[1], URI.create(words[2]))
                                .interval(Duration.ofMillis(Long.parseLong(words[3])))
                                .timeout(Duration.ofMillis(Long.parseLong(words[4])))
                                .header("X-Replica", id)
                                .build());
                        answer("OK");
                    }
                    case "fire" -> {
                        alerts.fire(Alert.builder(words[1]).severity(AlertSeverity.HIGH).label("service", "orders").build());
                        answer("OK");
                    }
                    case "status" -> answer(runner.status(words[1]) + " won=" + claims(meters, "won") + " lost="
                            + claims(meters, "lost"));
                    default -> answer("ERROR unknown command " + words[0]);
                }
            } catch (RuntimeException e) {
                answer("ERROR " + e);
            }
        }
        uptime.close();
        alerts.close();
        System.exit(0); // the test closed standard input, or died: no replica outlives it
    }

    private static long claims(MeterRegistry meters, String outcome) {
        return (long) meters.get(FleetMeters.CLAIMS).tag(FleetMeters.TAG_OUTCOME, outcome).functionCounter().count();
    }

    private static void answer(String text) {
        synchronized (System.out) {
            System.out.println(ANSWER + text);
            System.out.flush();
        }
    }

    private static DataSource dataSource(String url, String user, String password) {
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setUrl(url);
            postgres.setUser(user);
            postgres.setPassword(password);
            return postgres;
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser(user);
        h2.setPassword(password);
        return h2;
    }
}
