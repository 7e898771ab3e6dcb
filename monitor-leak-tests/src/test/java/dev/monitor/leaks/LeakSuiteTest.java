package dev.monitor.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.pii.testing.LeakIndex;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue "Never lies, never leaks": personal data and secrets of every detector family, valid for their checksums,
 * planted in every user-supplied field of every output path, keys included, at every position around each of the
 * path's truncation limits and at a few random ones, never leave: no planted value, and no run of
 * {@value dev.monitor.pii.testing.Leaks#RUN} of its characters, survives in any output (only the documented partial
 * mask of an email, {@code j***@domain}, may show). A value a path refuses at its boundary (names must follow the
 * name rule) is a pass when the refusal is an {@link IllegalArgumentException} that does not repeat the value.
 *
 * <p>Seeded: {@code -Dmonitor.test.seed=N} replays a run; every failure names the seed, the surface, the case, the
 * field, the family, the position and the limit.
 */
class LeakSuiteTest {

    private static final long SEED = Long.getLong("monitor.test.seed", 0x5EEDL);
    /** Random positions per field and family, besides 0 and the positions around the limits. */
    private static final int RANDOM_POSITIONS = 3;
    /** Random positions per near limit and family (see {@link Field#nearLimits()}). */
    private static final int NEAR_POSITIONS = 4;
    private static final int SHOWN_FAILURES = 25;

    private static Loopback loopback;
    private static HealthSurface health;
    private static ErrorBodySurface errorBodies;
    private static StatusPageSurface statusPage;
    private static LogLineSurface logLines;
    private static SlowQuerySurface slowQueries;
    private static AlertSurface alerts;
    private static SentrySurface sentry;
    private static OperatorSurface operator;

    @BeforeAll
    static void start() throws Exception {
        loopback = new Loopback();
        health = new HealthSurface(loopback, random("health"));
        errorBodies = new ErrorBodySurface(loopback);
        statusPage = new StatusPageSurface(loopback);
        logLines = new LogLineSurface(random("log lines"));
        slowQueries = new SlowQuerySurface();
        alerts = new AlertSurface(loopback, random("alerts"));
        sentry = new SentrySurface(loopback, random("sentry"));
        operator = new OperatorSurface();
        loopback.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sentry != null) {
            sentry.close();
        }
        if (loopback != null) {
            loopback.close();
        }
    }

    private static Random random(String surface) {
        return new Random(SEED * 31 + surface.hashCode());
    }

    @Test
    void healthNeverLeaks() throws Exception {
        run(health);
    }

    @Test
    void errorBodiesNeverLeak() throws Exception {
        run(errorBodies);
    }

    @Test
    void theStatusPageNeverLeaks() throws Exception {
        run(statusPage);
    }

    @Test
    void logLinesThroughTheScrubbingEncoderNeverLeak() throws Exception {
        run(logLines);
    }

    @Test
    void slowQueryReportsNeverLeak() throws Exception {
        run(slowQueries);
    }

    @Test
    void alertsThroughEveryChannelAndPreviewNeverLeak() throws Exception {
        run(alerts);
    }

    @Test
    void sentryEventsNeverLeak() throws Exception {
        run(sentry);
    }

    @Test
    void theOperatorApiNeverLeaks() throws Exception {
        run(operator);
    }

    private static void run(Surface surface) throws Exception {
        long started = System.nanoTime();
        long cpuStarted = cpuNanos();
        List<Planting> cases = cases(surface, random(surface.name() + "/cases"));
        loopback.logs.drain();
        List<String> failures = new ArrayList<>();
        Map<Field, int[]> counts = new IdentityHashMap<>(); // cases, refused, seen in an output
        surface.fields().forEach(field -> counts.put(field, new int[3]));
        int outputs = 0;
        for (int from = 0; from < cases.size(); from += surface.batchSize()) {
            List<Planting> batch = cases.subList(from, Math.min(cases.size(), from + surface.batchSize()));
            Drive drive = surface.drive(batch);
            List<Drive.Output> texts = new ArrayList<>(drive.outputs());
            texts.addAll(loopback.logs.drain());
            outputs += texts.size();
            Set<Integer> seen = seen(texts);
            LeakIndex index = new LeakIndex();
            for (Planting planting : batch) {
                int[] count = counts.get(planting.field());
                count[0]++;
                RuntimeException refusal = drive.refusals().get(planting);
                if (refusal == null) {
                    index.add(planting.plant(), planting.where());
                    if (seen.contains(planting.index())) {
                        count[2]++;
                    }
                    continue;
                }
                count[1]++;
                if (!(refusal instanceof IllegalArgumentException)) {
                    failures.add(planting.where() + ": refused with " + refusal + ", not an IllegalArgumentException");
                }
                for (LeakIndex.Leak leak : new LeakIndex().add(planting.plant(), planting.where())
                        .find(String.valueOf(refusal.getMessage()))) {
                    failures.add(leak + " (in the message refusing it)");
                }
            }
            for (Drive.Output output : texts) {
                for (LeakIndex.Leak leak : index.find(output.text())) {
                    failures.add(leak + " (in " + output.what() + ")");
                }
                if (output.text().startsWith(LogCapture.NOT_JSON)) {
                    failures.add(output.what() + " is not one JSON object: " + output.text());
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        long cpuMillis = (cpuNanos() - cpuStarted) / 1_000_000;
        StringBuilder report = new StringBuilder();
        surface.fields().forEach(field -> {
            int[] count = counts.get(field);
            report.append(String.format("%n  %-60s %6d cases, %5d refused, %5d seen in an output", field.name(), count[0],
                    count[1], count[2]));
            if (field.shown() && count[0] > count[1] && count[2] == 0) {
                failures.add(surface.name() + ": no output shows field '" + field.name() + "' (seed " + SEED
                        + "): the suite plants where nothing comes out");
            }
        });
        System.out.println("LeakSuiteTest " + surface.name() + ": " + cases.size() + " cases over "
                + surface.fields().size() + " fields and " + PiiSamples.families().size() + " families, " + outputs
                + " outputs checked, " + failures.size() + " leaks, " + millis + " ms (" + cpuMillis
                + " ms of CPU in the process), seed " + SEED + report);
        failures.forEach(failure -> System.out.println("LEAK " + failure));
        assertThat(failures).as("%s leaks of surface %s (seed %s); the first %s:%n%s", failures.size(), surface.name(),
                SEED, SHOWN_FAILURES, String.join("\n", failures.subList(0, Math.min(SHOWN_FAILURES, failures.size()))))
                .isEmpty();
    }

    /** CPU time of the whole process, which the machine's load does not inflate as it does wall time. */
    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** The cases whose marker (see {@link Planting#marker()}) an output shows: their field reached the output. */
    private static Set<Integer> seen(List<Drive.Output> outputs) {
        Set<Integer> seen = new HashSet<>();
        for (Drive.Output output : outputs) {
            Matcher marker = Planting.MARKER.matcher(output.text());
            while (marker.find()) {
                seen.add(Integer.parseInt(marker.group(1)));
            }
        }
        return seen;
    }

    /**
     * Every field × family × position: each position from a plant ending just before to starting just after each of
     * the field's limits, random positions in a window around each near limit, 0, and a few random positions. Each
     * case plants a fresh value, so a leak names its case.
     */
    static List<Planting> cases(Surface surface, Random random) {
        PiiSamples samples = new PiiSamples(random);
        List<Planting> cases = new ArrayList<>();
        for (Field field : surface.fields()) {
            int reach = 200;
            for (int limit : field.limits()) {
                reach = Math.max(reach, limit + 40);
            }
            for (Function<PiiSamples, Plant> family : PiiSamples.families()) {
                for (int limit : field.limits()) {
                    int length = family.apply(samples).text().length();
                    for (int inside = -2; inside <= length + 2; inside++) {
                        Plant plant = family.apply(samples);
                        if (inside <= plant.text().length() + 2 && limit - inside >= 0) {
                            cases.add(planting(surface, field, plant, limit - inside, "limit " + limit, cases.size()));
                        }
                    }
                }
                for (int limit : field.nearLimits()) {
                    for (int k = 0; k < NEAR_POSITIONS; k++) {
                        Plant plant = family.apply(samples);
                        int from = Math.max(0, limit - plant.text().length() - 2 - Field.PREFIX_SLACK);
                        int position = from + random.nextInt(limit + 3 - from);
                        cases.add(planting(surface, field, plant, position, "near limit " + limit, cases.size()));
                    }
                }
                cases.add(planting(surface, field, family.apply(samples), 0, "start", cases.size()));
                for (int k = 0; k < RANDOM_POSITIONS; k++) {
                    cases.add(planting(surface, field, family.apply(samples), random.nextInt(reach), "random",
                            cases.size()));
                }
            }
        }
        return cases;
    }

    private static Planting planting(Surface surface, Field field, Plant plant, int position, String why, int index) {
        String where = "seed " + SEED + ", " + surface.name() + " case " + index + ": " + field.name() + ", "
                + plant.kind() + " '" + plant.text().replace("\n", "\\n") + "' at " + position + " (" + why + ")";
        String marker = Planting.marker(index);
        String head = PiiSamples.filler(position);
        if (position > marker.length()) {
            head = marker + " " + head.substring(marker.length() + 1);
        }
        return new Planting(index, field, plant, position, head + plant.text() + " and then " + marker + " ends", where);
    }
}
