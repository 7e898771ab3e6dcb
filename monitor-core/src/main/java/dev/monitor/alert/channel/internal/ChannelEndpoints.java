package dev.monitor.alert.channel.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Validation of endpoint settings, with messages that name the setting but never echo a secret. */
public final class ChannelEndpoints {

    private ChannelEndpoints() {
    }

    /**
     * Parses {@code value} as an http(s) URL for {@code setting}.
     *
     * @param secret whether the URL itself may be a secret (webhook URLs): messages never show it
     * @param requireHttps whether it must use https unless the host is a loopback address
     * @throws IllegalArgumentException naming the setting and the problem
     */
    public static URI url(String setting, @Nullable String value, boolean secret, boolean requireHttps) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " is not set; set it to the " + (secret ? "webhook " : "") + "URL");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not a valid URL: " + e.getReason() + " at index " + e.getIndex()
                    + (secret ? "" : " in '" + value + "'"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(setting + " must be an http or https URL, was " + (scheme.isEmpty()
                    ? "a value without a scheme" : "scheme '" + scheme + "'"));
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(setting + " must name a host, e.g. https://hooks.example.com/...");
        }
        if (uri.getRawUserInfo() != null && secret) {
            throw new IllegalArgumentException(setting + " must not contain user info; put credentials in a header");
        }
        if (requireHttps && scheme.equals("http") && !isLoopback(host)) {
            throw new IllegalArgumentException(setting + " must use https because it carries a secret (http is only allowed "
                    + "for loopback hosts), was http for host " + host);
        }
        return uri;
    }

    /** Whether {@code host} is a loopback name or address. */
    public static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.isEmpty() && (Character.isDigit(bare.charAt(0)) || bare.indexOf(':') >= 0)) {
            try {
                return InetAddress.getByName(bare).isLoopbackAddress(); // a literal: no lookup happens
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** A required, non-blank setting. */
    public static String required(String setting, @Nullable String value, String hint) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " is not set; " + hint);
        }
        return value.trim();
    }
}
