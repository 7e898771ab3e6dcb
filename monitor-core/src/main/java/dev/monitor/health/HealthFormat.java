package dev.monitor.health;

import org.jspecify.annotations.Nullable;

/** The JSON formats a health report can be rendered in. */
public enum HealthFormat {
    /** The native contract: root {@code healthy|degraded|unhealthy}, checks {@code pass|warn|fail}. */
    NATIVE("application/json"),
    /** The IETF draft-inadarei-api-health-check format. */
    HEALTH_JSON("application/health+json");

    private final String mediaType;

    HealthFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type, e.g. {@code application/json}. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * Picks the format for an {@code Accept} header: {@link #HEALTH_JSON} when
     * {@code application/health+json} is accepted with a quality at least that of any other
     * acceptable JSON type, else {@link #NATIVE}.
     */
    public static HealthFormat negotiate(@Nullable String accept) {
        if (accept == null || accept.indexOf("health+json") < 0) {
            return NATIVE;
        }
        double healthQuality = -1;
        double otherQuality = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
            double quality = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        quality = 0;
                    }
                }
            }
            if (type.equals("application/health+json")) {
                healthQuality = Math.max(healthQuality, quality);
            } else if (type.equals("application/json")) {
                otherQuality = Math.max(otherQuality, quality);
            }
        }
        return healthQuality > 0 && healthQuality >= otherQuality ? HEALTH_JSON : NATIVE;
    }
}
