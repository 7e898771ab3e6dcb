package dev.monitor.alert.channel;

import dev.monitor.config.Names;

/** Validation of the settings the built-in channels' builders share: the name and how many alerts a message lists. */
final class ChannelSettings {

    private ChannelSettings() {
    }

    static String name(String name) {
        return Names.requireName("channel name", name);
    }

    /** {@code maxAlerts} if it is between 1 and {@code max}, else a message naming the setting and the bounds. */
    static int maxAlerts(int maxAlerts, int max) {
        if (maxAlerts < 1 || maxAlerts > max) {
            throw new IllegalArgumentException("maxAlerts must be " + (max == Integer.MAX_VALUE ? "at least 1"
                    : "between 1 and " + max) + ", was " + maxAlerts);
        }
        return maxAlerts;
    }
}
