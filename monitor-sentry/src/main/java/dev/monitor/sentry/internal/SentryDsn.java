package dev.monitor.sentry.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Sentry DSN, {@code https://PUBLIC_KEY@HOST/PROJECT_ID}. Error messages never repeat the DSN: its key
 * authorises sending events to the project.
 *
 * @param scheme {@code http} or {@code https}
 * @param publicKey the project's public key
 * @param secretKey the legacy secret key, or null
 * @param host the host
 * @param port the port, or -1 for the scheme's default
 * @param pathPrefix the path before the project id, without trailing slash ({@code ""} usually)
 * @param projectId the project id
 */
public record SentryDsn(String scheme, String publicKey, @Nullable String secretKey, String host, int port,
        String pathPrefix, String projectId) {

    private static final String EXPECTED = " (expected https://PUBLIC_KEY@HOST/PROJECT_ID, as shown in the "
            + "project's Client Keys settings)";

    /**
     * Parses {@code dsn}.
     *
     * @param setting the setting or variable named in error messages
     * @throws IllegalArgumentException when {@code dsn} is not a DSN
     */
    public static SentryDsn parse(String setting, String dsn) {
        URI uri;
        try {
            uri = new URI(dsn.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + " is not a valid URI" + EXPECTED);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(setting + " must use http or https, was '" + scheme + "'" + EXPECTED);
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty() || userInfo.startsWith(":")) {
            throw new IllegalArgumentException(setting + " has no public key before the '@'" + EXPECTED);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(setting + " has no host" + EXPECTED);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int slash = path.lastIndexOf('/');
        String projectId = slash < 0 ? "" : path.substring(slash + 1);
        if (projectId.isEmpty()) {
            throw new IllegalArgumentException(setting + " has no project id at the end of its path" + EXPECTED);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(setting + " must not have a query or fragment" + EXPECTED);
        }
        int colon = userInfo.indexOf(':');
        String publicKey = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String secretKey = colon < 0 || colon == userInfo.length() - 1 ? null : userInfo.substring(colon + 1);
        return new SentryDsn(scheme, publicKey, secretKey, host, uri.getPort(), path.substring(0, slash), projectId);
    }

    /** The envelope endpoint, {@code https://HOST/api/PROJECT_ID/envelope/}. */
    public URI envelopeUri() {
        return URI.create(scheme + "://" + hostAndPort() + pathPrefix + "/api/" + projectId + "/envelope/");
    }

    /** The {@code X-Sentry-Auth} header value. */
    public String authHeader(String client) {
        return "Sentry sentry_version=7, sentry_client=" + client + ", sentry_key=" + publicKey
                + (secretKey == null ? "" : ", sentry_secret=" + secretKey);
    }

    /** The DSN without its keys, for messages: {@code https://***@HOST/PROJECT_ID}. */
    public String redacted() {
        return scheme + "://***@" + hostAndPort() + pathPrefix + "/" + projectId;
    }

    @Override
    public String toString() {
        return redacted();
    }

    private String hostAndPort() {
        String shownHost = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return port < 0 ? shownHost : shownHost + ":" + port;
    }
}
