package dev.monitor.uptime.internal;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What counts as a URL an uptime check may call: absolute, {@code http} or {@code https}, with a host. Not API. */
public final class HttpUrls {

    private HttpUrls() {
    }

    /** Whether {@code uri} is absolute, {@code http} or {@code https}, and has a host. */
    public static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    /** {@code text} as an {@linkplain #isHttp http(s) URI}, or {@code null} when it is not one. */
    public static @Nullable URI parse(String text) {
        try {
            URI uri = URI.create(text);
            return isHttp(uri) ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
