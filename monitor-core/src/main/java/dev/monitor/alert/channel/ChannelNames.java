package dev.monitor.alert.channel;

import dev.monitor.config.Names;

/** Validation of channel names, shared by the built-in channels' builders. */
final class ChannelNames {

    private ChannelNames() {
    }

    static String check(String name) {
        return Names.requireName("channel name", name);
    }
}
