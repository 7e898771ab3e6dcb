package dev.monitor.alert.channel;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One setting of a built-in channel type, as {@link AlertChannels#describe(String)} lists it: what an adapter needs to
 * read it from its own configuration and to document it (Spring's configuration metadata, a README table), so that a
 * new setting or channel type in core needs no change in an adapter.
 *
 * @param name the setting's name within its type, kebab-case ({@code webhook-url}); {@code headers.*} for a map, one
 *     setting per key
 * @param kind how its value is written
 * @param description one or two sentences for a user: what it sets, what applies when it is unset
 * @param defaultValue what applies when it is unset, as text, or {@code null} if nothing does or it depends on other
 *     settings
 * @param values the values it accepts, for a setting that takes one of a few words; empty otherwise
 */
public record ChannelSetting(String name, Kind kind, String description, @Nullable String defaultValue,
        List<String> values) {

    /** How a setting's value is written: every value reaches {@link AlertChannels#fromSettings} as text. */
    public enum Kind {
        /** Free text: a URL, a host, a key. */
        TEXT,
        /** A whole number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** Several entries, comma-separated. */
        LIST,
        /** One setting per key, {@code <name>.<key>} ({@code headers.Authorization}). */
        MAP
    }

    /** Checks the arguments. */
    public ChannelSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        values = List.copyOf(values);
        if (kind == Kind.MAP != name.endsWith(".*")) {
            throw new IllegalArgumentException("name of a " + kind + " setting must " + (kind == Kind.MAP ? "" : "not ")
                    + "end with .*, was '" + name + "'");
        }
    }

    /** The property a map setting's keys hang under: {@code headers} for {@code headers.*}; else the name. */
    public String prefix() {
        return kind == Kind.MAP ? name.substring(0, name.length() - 2) : name;
    }

    static ChannelSetting text(String name, String description) {
        return new ChannelSetting(name, Kind.TEXT, description, null, List.of());
    }

    static ChannelSetting text(String name, String description, String defaultValue) {
        return new ChannelSetting(name, Kind.TEXT, description, defaultValue, List.of());
    }
}
