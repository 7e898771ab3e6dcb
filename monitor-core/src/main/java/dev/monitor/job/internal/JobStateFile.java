package dev.monitor.job.internal;

import dev.monitor.config.Names;
import dev.monitor.job.JobOutcome;
import dev.monitor.job.JobRun;
import dev.monitor.job.JobState;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The job monitor's state file: every job's state as one JSON document, replaced atomically (written to a
 * temporary file beside it, then moved over it), so a crash leaves the old file or the new one, never half of one.
 * A file that cannot be read is moved aside to {@code NAME.corrupt} with one warning, and the monitor starts fresh:
 * a bad file never fails start-up. Not API.
 */
public final class JobStateFile {

    private static final Logger log = LoggerFactory.getLogger(JobStateFile.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int VERSION = 1;
    /** Jobs kept in the file at most, those of the monitor and those read but not added again. */
    static final int MAX_JOBS = 10_000;

    private final Path file;

    /** The state file at {@code file}; its directory is created when first written. */
    public JobStateFile(Path file) {
        this.file = file;
    }

    /** The jobs kept in the file; empty when there is none, or (with one warning) when it cannot be read. */
    public Map<String, StoredJob> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException | RuntimeException e) {
            log.warn("Job state file {} could not be read ({}); job states start fresh", file, e.getClass().getName());
            return Map.of();
        }
        try {
            return decode(bytes);
        } catch (RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException ignored) {
                // it will be replaced by the next write anyway
            }
            log.warn("Job state file {} is corrupt ({}); moved aside to {}, job states start fresh", file,
                    e.getClass().getSimpleName(), aside.getFileName());
            return Map.of();
        }
    }

    /**
     * Replaces the file with {@code jobs}.
     *
     * @throws IOException if it cannot be written; the old file is then intact
     */
    public void save(Map<String, StoredJob> jobs) throws IOException {
        byte[] bytes = encode(jobs);
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static byte[] encode(Map<String, StoredJob> jobs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        ObjectNode all = root.putObject("jobs");
        int count = 0;
        for (Map.Entry<String, StoredJob> entry : jobs.entrySet()) {
            if (count++ == MAX_JOBS) {
                break;
            }
            StoredJob job = entry.getValue();
            ObjectNode node = all.putObject(entry.getKey());
            node.put("schedule", job.schedule());
            node.put("state", job.state().name());
            node.put("since", job.since().toString());
            putInstant(node, "lastCheckIn", job.lastCheckIn());
            putInstant(node, "runningSince", job.runningSince());
            node.put("consecutiveFailures", job.consecutiveFailures());
            node.put("consecutiveSuccesses", job.consecutiveSuccesses());
            node.put("failing", job.failing());
            node.put("missedAlerted", job.missedAlerted());
            node.put("failedAlerted", job.failedAlerted());
            node.put("overrunAlerted", job.overrunAlerted());
            if (job.lastSuccess() != null) {
                putRun(node.putObject("lastSuccess"), job.lastSuccess());
            }
            if (job.lastFailure() != null) {
                putRun(node.putObject("lastFailure"), job.lastFailure());
            }
            ArrayNode runs = node.putArray("runs");
            for (JobRun run : job.runs()) {
                putRun(runs.addObject(), run);
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    static Map<String, StoredJob> decode(byte[] bytes) {
        JsonNode root = JSON.readTree(bytes);
        if (root == null || !root.isObject() || root.path("version").asInt(0) != VERSION || !root.path("jobs").isObject()) {
            throw new IllegalArgumentException("not a version " + VERSION + " job state document");
        }
        Map<String, StoredJob> jobs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("jobs").properties()) {
            if (!Names.isValidName(entry.getKey())) {
                throw new IllegalArgumentException("not a job name");
            }
            JsonNode node = entry.getValue();
            List<JobRun> runs = new ArrayList<>();
            for (JsonNode run : node.path("runs")) {
                runs.add(run(run));
            }
            jobs.put(entry.getKey(), new StoredJob(text(node, "schedule"), JobState.valueOf(text(node, "state")),
                    Instant.parse(text(node, "since")), instant(node, "lastCheckIn"), instant(node, "runningSince"),
                    node.path("consecutiveFailures").asInt(0), node.path("consecutiveSuccesses").asInt(0),
                    node.path("failing").asBoolean(false), node.path("missedAlerted").asBoolean(false),
                    node.path("failedAlerted").asBoolean(false), node.path("overrunAlerted").asBoolean(false),
                    node.hasNonNull("lastSuccess") ? run(node.get("lastSuccess")) : null,
                    node.hasNonNull("lastFailure") ? run(node.get("lastFailure")) : null, runs));
        }
        return jobs;
    }

    private static void putRun(ObjectNode node, JobRun run) {
        putInstant(node, "startedAt", run.startedAt());
        node.put("finishedAt", run.finishedAt().toString());
        if (run.duration() != null) {
            node.put("duration", run.duration().toString());
        }
        node.put("outcome", run.outcome().name());
        if (run.message() != null) {
            node.put("message", run.message());
        }
    }

    private static JobRun run(JsonNode node) {
        String duration = node.hasNonNull("duration") ? node.get("duration").asString() : null;
        String message = node.hasNonNull("message") ? node.get("message").asString() : null;
        return new JobRun(instant(node, "startedAt"), Instant.parse(text(node, "finishedAt")),
                duration == null ? null : Duration.parse(duration), JobOutcome.valueOf(text(node, "outcome")), message);
    }

    private static void putInstant(ObjectNode node, String field, @Nullable Instant value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    private static @Nullable Instant instant(JsonNode node, String field) {
        return node.hasNonNull(field) ? Instant.parse(node.get(field).asString()) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asString();
    }
}
