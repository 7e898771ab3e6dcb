package dev.monitor.health;

import dev.monitor.config.Names;
import java.util.Objects;

/**
 * A named group of checks, answered by its own endpoint.
 *
 * <p>{@link #LIVE} answers "should this process be restarted", {@link #READY} "should it receive
 * traffic", {@link #STARTUP} "has it finished starting". Custom groups are allowed.
 */
public final class HealthGroup {

    /** Liveness: only checks whose failure a restart would fix. */
    public static final HealthGroup LIVE = new HealthGroup("live");
    /** Readiness: the default group of every check. */
    public static final HealthGroup READY = new HealthGroup("ready");
    /** Startup: unhealthy until the application calls {@link HealthRegistry#markStarted()}. */
    public static final HealthGroup STARTUP = new HealthGroup("startup");

    private final String name;

    private HealthGroup(String name) {
        this.name = name;
    }

    /**
     * Returns the group of the given name.
     *
     * @param name 1 to 64 ASCII letters, digits, {@code '.'}, {@code '_'} and {@code '-'}, starting with a letter
     *     or digit ({@link Names#requireName}); names are case-sensitive. The name is a URL path segment
     *     ({@code /health/{group}}).
     * @throws IllegalArgumentException if the name has another form
     */
    public static HealthGroup of(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name) {
            case "live" -> LIVE;
            case "ready" -> READY;
            case "startup" -> STARTUP;
            default -> {
                yield new HealthGroup(Names.requireName("health group name", name));
            }
        };
    }

    /** The group's name. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HealthGroup group && group.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
