package dev.monitor.alert.channel;

import java.util.Objects;

/** Validation of channel names, shared by the built-in channels' builders. */
final class ChannelNames {

    private ChannelNames() {
    }

    static String check(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 64 || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("channel name must be 1 to 64 characters without ':', was '" + name + "'");
        }
        return name;
    }
}
