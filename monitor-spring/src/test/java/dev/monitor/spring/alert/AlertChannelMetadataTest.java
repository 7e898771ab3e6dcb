package dev.monitor.spring.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.channel.AlertChannels;
import dev.monitor.alert.channel.ChannelSetting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The IDE metadata of the channel properties ({@code monitor.alerts.<type>.<setting>}) in the committed
 * {@code additional-spring-configuration-metadata.json} is exactly what core describes
 * ({@link AlertChannels#describe(String)}), written by the small generator here, so descriptions, types and defaults
 * are written once, in core. When core changes, regenerate the file with
 * {@value #REGENERATE}.
 */
class AlertChannelMetadataTest {

    static final Path FILE = Path.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");
    static final String REGENERATE = "./mvnw -B -o -pl monitor-spring -am test -Dtest=AlertChannelMetadataTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dmonitor.metadata.regenerate=true";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> SECTIONS = List.of("groups", "properties", "hints");

    @Test
    void theCommittedChannelMetadataIsWhatCoreDescribes() throws IOException {
        JsonNode committed = JSON.readTree(Files.readString(FILE));
        ObjectNode expected = generate();
        if (Boolean.getBoolean("monitor.metadata.regenerate")) {
            Files.writeString(FILE, format(merge(committed, expected)), StandardCharsets.UTF_8);
            committed = JSON.readTree(Files.readString(FILE));
        }
        ObjectNode actual = channelSection(committed);
        assertThat(actual)
                .as("the channel properties of %s differ from what core's AlertChannels.describe(...) gives; regenerate "
                        + "the file with: %s", FILE, REGENERATE)
                .isEqualTo(expected);
    }

    @Test
    void theGeneratorDescribesEverySettingWithTheStartersDefaults() throws IOException {
        ObjectNode generated = generate();
        List<String> names = new ArrayList<>();
        generated.get("properties").forEach(property -> names.add(property.get("name").asString()));
        assertThat(names).contains("monitor.alerts.log.enabled", "monitor.alerts.webhook.headers",
                "monitor.alerts.slack.webhook-url", "monitor.alerts.email.to", "monitor.alerts.sms.messaging-service-sid");
        JsonNode enabled = property(generated, "monitor.alerts.log.enabled");
        assertThat(enabled.get("type").asString()).isEqualTo("java.lang.Boolean");
        assertThat(enabled.get("defaultValue").isBoolean()).isTrue();
        assertThat(enabled.get("defaultValue").asBoolean()).as("the log channel is on by default").isTrue();
        assertThat(property(generated, "monitor.alerts.email.port").get("type").asString()).isEqualTo("java.lang.Integer");
        assertThat(property(generated, "monitor.alerts.email.to").get("type").asString())
                .isEqualTo("java.util.List<java.lang.String>");
        assertThat(property(generated, "monitor.alerts.alertmanager.headers").get("type").asString())
                .isEqualTo("java.util.Map<java.lang.String,java.lang.String>");
        assertThat(property(generated, "monitor.alerts.email.security").get("defaultValue").asString()).isEqualTo("starttls");
        assertThat(generated.get("hints").get(0).get("name").asString()).isEqualTo("monitor.alerts.email.security");
        assertThat(generated.get("groups")).hasSize(AlertChannels.types().size());
    }

    /** The metadata of every channel type's settings: a group per type, a property per setting, hints for values. */
    static ObjectNode generate() {
        ObjectNode metadata = NODES.objectNode();
        ArrayNode groups = metadata.putArray("groups");
        ArrayNode properties = metadata.putArray("properties");
        ArrayNode hints = metadata.putArray("hints");
        for (String type : AlertChannels.types()) {
            groups.addObject().put("name", ConfiguredAlertChannels.PREFIX + type)
                    .put("description", AlertChannels.description(type));
            for (ChannelSetting setting : AlertChannels.describe(type)) {
                String key = type + "." + setting.prefix();
                String name = ConfiguredAlertChannels.PREFIX + key;
                ObjectNode property = properties.addObject().put("name", name).put("type", javaType(setting.kind()))
                        .put("description", setting.description());
                String defaultValue = ConfiguredAlertChannels.DEFAULTS.getOrDefault(key, setting.defaultValue());
                switch (setting.kind()) {
                    case LIST -> property.putArray("defaultValue");
                    case BOOLEAN -> property.put("defaultValue", Boolean.parseBoolean(defaultValue));
                    case NUMBER -> {
                        if (defaultValue != null) {
                            property.put("defaultValue", Integer.parseInt(defaultValue));
                        }
                    }
                    default -> {
                        if (defaultValue != null) {
                            property.put("defaultValue", defaultValue);
                        }
                    }
                }
                if (!setting.values().isEmpty()) {
                    ArrayNode values = hints.addObject().put("name", name).putArray("values");
                    setting.values().forEach(value -> values.addObject().put("value", value));
                }
            }
        }
        return metadata;
    }

    private static String javaType(ChannelSetting.Kind kind) {
        return switch (kind) {
            case TEXT -> "java.lang.String";
            case NUMBER -> "java.lang.Integer";
            case BOOLEAN -> "java.lang.Boolean";
            case LIST -> "java.util.List<java.lang.String>";
            case MAP -> "java.util.Map<java.lang.String,java.lang.String>";
        };
    }

    /** The entries of {@code metadata} that describe channel settings, in each section's order. */
    private static ObjectNode channelSection(JsonNode metadata) {
        ObjectNode section = NODES.objectNode();
        for (String name : SECTIONS) {
            ArrayNode entries = section.putArray(name);
            metadata.path(name).forEach(entry -> {
                if (isChannel(entry)) {
                    entries.add(entry);
                }
            });
        }
        return section;
    }

    /** {@code committed} with its channel entries replaced by {@code generated}'s, which come after the others. */
    private static ObjectNode merge(JsonNode committed, ObjectNode generated) {
        ObjectNode merged = NODES.objectNode();
        for (String name : SECTIONS) {
            ArrayNode entries = merged.putArray(name);
            committed.path(name).forEach(entry -> {
                if (!isChannel(entry)) {
                    entries.add(entry);
                }
            });
            entries.addAll((ArrayNode) generated.get(name));
        }
        return merged;
    }

    private static boolean isChannel(JsonNode entry) {
        String name = entry.path("name").asString("");
        return AlertChannels.types().stream().map(type -> ConfiguredAlertChannels.PREFIX + type)
                .anyMatch(group -> name.equals(group) || name.startsWith(group + "."));
    }

    /** The file's layout: one entry a line, so that a change to one property is a one-line diff. */
    private static String format(ObjectNode metadata) {
        StringBuilder text = new StringBuilder("{\n");
        List<String> sections = SECTIONS.stream().filter(name -> !metadata.get(name).isEmpty()).toList();
        for (int s = 0; s < sections.size(); s++) {
            text.append("  \"").append(sections.get(s)).append("\": [\n");
            JsonNode entries = metadata.get(sections.get(s));
            for (int i = 0; i < entries.size(); i++) {
                text.append("    ");
                line(text, entries.get(i));
                text.append(i + 1 < entries.size() ? ",\n" : "\n");
            }
            text.append(s + 1 < sections.size() ? "  ],\n" : "  ]\n");
        }
        return text.append("}\n").toString();
    }

    /** {@code node} on one line, a space after each colon and comma, as the hand-written entries were. */
    private static void line(StringBuilder text, JsonNode node) {
        if (node.isObject()) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                text.append(first ? "" : ", ").append(JSON.writeValueAsString(field.getKey())).append(": ");
                line(text, field.getValue());
                first = false;
            }
            text.append('}');
        } else if (node.isArray()) {
            text.append('[');
            for (int i = 0; i < node.size(); i++) {
                text.append(i == 0 ? "" : ", ");
                line(text, node.get(i));
            }
            text.append(']');
        } else {
            text.append(JSON.writeValueAsString(node));
        }
    }

    private static JsonNode property(ObjectNode metadata, String name) {
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asString().equals(name)) {
                return property;
            }
        }
        throw new AssertionError("no property " + name);
    }
}
