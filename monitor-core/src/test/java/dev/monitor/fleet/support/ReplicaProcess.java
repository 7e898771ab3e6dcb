package dev.monitor.fleet.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FleetReplica} started as a separate JVM on the test's class path: sends it commands on its standard input and
 * reads its answers, keeping its last log lines for failure messages. {@link #kill()} is {@code kill -9}.
 */
public final class ReplicaProcess implements AutoCloseable {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final int KEPT_LOG_LINES = 200;

    private final String id;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Deque<String> log = new ArrayDeque<>();

    private ReplicaProcess(String id, Process process) {
        this.id = id;
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "replica-output-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts replica {@code id}; {@link #awaitReady()} before sending commands. */
    public static ReplicaProcess start(String id, String jdbcUrl, String user, String password, String webhook,
            Duration lease) {
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    FleetReplica.class.getName(), id, jdbcUrl, user, password, webhook, Long.toString(lease.toMillis()))
                    .redirectErrorStream(true).start();
            return new ReplicaProcess(id, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start replica " + id, e);
        }
    }

    /** The replica's id. */
    public String id() {
        return id;
    }

    /** Whether the process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the replica's READY line; fails if it says its schema is not ready. */
    public void awaitReady() {
        String ready = next();
        if (!ready.equals("READY " + id + " schema=true")) {
            throw new AssertionError("replica " + id + " started with: " + ready + "; its log:\n" + log());
        }
    }

    /** Sends a command and returns its answer. */
    public String ask(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new AssertionError("replica " + id + " does not take commands; its log:\n" + log(), e);
        }
        String answer = next();
        if (answer.startsWith("ERROR")) {
            throw new AssertionError("replica " + id + " answered '" + command + "' with " + answer);
        }
        return answer;
    }

    /** The fields of a {@code status} answer. */
    public Map<String, String> status(String task) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : ask("status " + task).split(" ")) {
            int equals = field.indexOf('=');
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        return fields;
    }

    /** Epoch milliseconds of a {@code status} field listing times ({@code attempts}, {@code starts}). */
    public static List<Long> times(Map<String, String> status, String field) {
        String times = status.get(field);
        return times.equals("-") ? List.of() : java.util.Arrays.stream(times.split(",")).map(Long::valueOf).toList();
    }

    /** {@code kill -9}: no shutdown hook, no unlock, no close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("replica " + id + " did not die");
        }
    }

    /** Its last log lines. */
    public synchronized String log() {
        return String.join("\n", log);
    }

    /** Closes its standard input (it exits), then kills it if it is still there. */
    @Override
    public void close() throws InterruptedException {
        try {
            commands.close();
        } catch (IOException e) {
            // it is gone already
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private String next() {
        try {
            String answer = answers.poll(HANG_GUARD.toSeconds(), TimeUnit.SECONDS); // a hang guard
            if (answer == null) {
                throw new AssertionError("replica " + id + " did not answer within " + HANG_GUARD + " (alive: "
                        + process.isAlive() + "); its log:\n" + log());
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void read() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith(FleetReplica.ANSWER)) {
                    answers.add(line.substring(FleetReplica.ANSWER.length()));
                } else {
                    synchronized (this) {
                        log.addLast(line);
                        if (log.size() > KEPT_LOG_LINES) {
                            log.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
