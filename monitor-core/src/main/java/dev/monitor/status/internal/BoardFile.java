package dev.monitor.status.internal;

import dev.monitor.status.PublicIncident;
import dev.monitor.status.IncidentImpact;
import dev.monitor.status.IncidentStatus;
import dev.monitor.status.IncidentUpdate;
import dev.monitor.status.Maintenance;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The status board's incidents and maintenance in one JSON file of the state directory, replaced atomically on each
 * change. Its texts were scrubbed before they were kept. A file that cannot be read is moved aside (logged) and the
 * board starts empty. Not API.
 */
public final class BoardFile {

    /** The file's name in the state directory. */
    public static final String FILE_NAME = "status-board.json";

    private static final Logger log = LoggerFactory.getLogger(BoardFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Path path;

    /**
     * What the file holds.
     *
     * @param incidents the incidents
     * @param maintenances the maintenance windows
     * @param silences the dispatcher's silence ids per maintenance id
     */
    public record Contents(List<PublicIncident> incidents, List<Maintenance> maintenances, Map<String, List<String>> silences) {
    }

    /** The file in {@code directory}. */
    public BoardFile(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.path = directory.resolve(FILE_NAME);
    }

    /** Reads the file; empty contents when there is none or it cannot be read. */
    public Contents read() {
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(path));
            List<PublicIncident> incidents = new ArrayList<>();
            for (JsonNode node : root.path("incidents")) {
                List<IncidentUpdate> updates = new ArrayList<>();
                for (JsonNode update : node.path("updates")) {
                    updates.add(new IncidentUpdate(IncidentStatus.valueOf(update.get("status").asString().toUpperCase(Locale.ROOT)),
                            update.get("body").asString(), Instant.parse(update.get("at").asString()),
                            update.path("by").asString("")));
                }
                incidents.add(new PublicIncident(node.get("id").asString(), node.get("title").asString(),
                        IncidentImpact.of(node.get("impact").asString()), strings(node.path("components")), updates,
                        node.hasNonNull("postmortem_url") ? node.get("postmortem_url").asString() : null,
                        Instant.parse(node.get("created_at").asString()), false));
            }
            List<Maintenance> maintenances = new ArrayList<>();
            Map<String, List<String>> silences = new LinkedHashMap<>();
            for (JsonNode node : root.path("maintenances")) {
                maintenances.add(new Maintenance(node.get("id").asString(), node.get("title").asString(),
                        node.get("description").asString(), strings(node.path("components")),
                        Instant.parse(node.get("starts_at").asString()), Instant.parse(node.get("ends_at").asString()),
                        node.get("exclude_from_uptime").asBoolean(), Instant.parse(node.get("created_at").asString()),
                        node.path("created_by").asString("")));
                silences.put(node.get("id").asString(), strings(node.path("silences")));
            }
            return new Contents(incidents, maintenances, silences);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of(), Map.of());
        } catch (IOException | RuntimeException e) {
            Path aside = directory.resolve(FILE_NAME + ".unreadable");
            log.warn("Could not read the status board from {} ({}); moved it to {} and starting empty", path,
                    e.getClass().getName(), aside);
            try {
                Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException moved) {
                log.warn("Could not move {} aside: {}", path, moved.getClass().getName());
            }
            return new Contents(List.of(), List.of(), Map.of());
        }
    }

    /** Replaces the file with {@code contents}; a failure is logged, and the board goes on in memory. */
    public void write(Contents contents) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode incidents = root.putArray("incidents");
        for (PublicIncident incident : contents.incidents()) {
            ObjectNode node = incidents.addObject();
            node.put("id", incident.id());
            node.put("title", incident.title());
            node.put("impact", incident.impact().jsonValue());
            incident.components().forEach(node.putArray("components")::add);
            if (incident.postmortemUrl() != null) {
                node.put("postmortem_url", incident.postmortemUrl());
            }
            node.put("created_at", incident.createdAt().toString());
            ArrayNode updates = node.putArray("updates");
            for (IncidentUpdate update : incident.updates()) {
                updates.addObject().put("status", update.status().jsonValue()).put("body", update.body())
                        .put("at", update.at().toString()).put("by", update.by());
            }
        }
        ArrayNode maintenances = root.putArray("maintenances");
        for (Maintenance maintenance : contents.maintenances()) {
            ObjectNode node = maintenances.addObject();
            node.put("id", maintenance.id());
            node.put("title", maintenance.title());
            node.put("description", maintenance.description());
            maintenance.components().forEach(node.putArray("components")::add);
            node.put("starts_at", maintenance.startsAt().toString());
            node.put("ends_at", maintenance.endsAt().toString());
            node.put("exclude_from_uptime", maintenance.excludeFromUptime());
            node.put("created_at", maintenance.createdAt().toString());
            node.put("created_by", maintenance.createdBy());
            ArrayNode silences = node.putArray("silences");
            contents.silences().getOrDefault(maintenance.id(), List.of()).forEach(silences::add);
        }
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.write(temporary, JSON.writeValueAsBytes(root));
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not write the status board to {}: {}; it is kept in memory", path, e.getClass().getName());
        }
    }

    private static List<String> strings(@Nullable JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            for (JsonNode value : array) {
                values.add(value.asString());
            }
        }
        return values;
    }
}
