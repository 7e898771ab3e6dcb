package dev.monitor.alert.channel;

import dev.monitor.alert.channel.internal.ChannelEndpoints;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where an {@link HttpAlertChannel} posts: the URL, the headers sent with every request, and the secrets that must never
 * appear in a delivery result, a log line or an exception message (a webhook URL, keys, header values). Its
 * {@link #toString()} is the secret-free description ({@code host=hooks.slack.com}). Immutable; the {@code with…}
 * methods return a copy.
 *
 * <p>URLs are validated when the endpoint is made, with messages naming the setting (a builder method or an environment
 * variable) and never repeating a secret.
 */
public final class ChannelEndpoint {

    /** Headers java.net.http refuses to take from a caller: setting one would fail every send. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final URI uri;
    private final Map<String, String> headers;
    private final List<String> secrets;
    private final String description;

    private ChannelEndpoint(URI uri, Map<String, String> headers, List<String> secrets, String description) {
        this.uri = uri;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.secrets = List.copyOf(secrets);
        this.description = description;
    }

    /**
     * A URL that is itself a secret, like an incoming-webhook URL (Slack, Discord, Teams, a generic webhook): never shown,
     * not even its path or query; described by its host only. User info is refused (put credentials in a header).
     *
     * @param setting the setting's name for messages, e.g. {@code webhookUrl} or {@code SLACK_WEBHOOK_URL}
     * @param httpsOnly whether http is refused except for loopback hosts
     * @throws IllegalArgumentException naming {@code setting} and the problem, never the value
     */
    public static ChannelEndpoint secretUrl(String setting, String url, boolean httpsOnly) {
        URI uri = ChannelEndpoints.url(setting, url, true, httpsOnly);
        List<String> secrets = new ArrayList<>(List.of(uri.toString()));
        if (uri.getRawPath() != null) {
            secrets.add(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            secrets.add(uri.getRawQuery());
        }
        return new ChannelEndpoint(uri, Map.of(), secrets, "host=" + uri.getHost());
    }

    /**
     * The URL of a service whose address is not a secret (Alertmanager, PagerDuty's Events API, Twilio's API); user info
     * in it is kept secret. Described by host and port.
     *
     * @param setting the setting's name for messages, e.g. {@code endpoint} or {@code ALERTMANAGER_URL}
     * @param httpsOnly whether http is refused except for loopback hosts
     * @throws IllegalArgumentException naming {@code setting} and the problem
     */
    public static ChannelEndpoint serviceUrl(String setting, String url, boolean httpsOnly) {
        URI uri = ChannelEndpoints.url(setting, url, false, httpsOnly);
        List<String> secrets = uri.getRawUserInfo() == null ? List.of() : List.of(uri.getRawUserInfo());
        return new ChannelEndpoint(uri, Map.of(), secrets, "host=" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    }

    /** This endpoint with {@code path} appended to its URL (after removing the URL's trailing slashes), e.g. {@code /api/v2/alerts}. */
    public ChannelEndpoint resolve(String path) {
        Objects.requireNonNull(path, "path");
        String base = uri.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new ChannelEndpoint(URI.create(base + path), headers, secrets, description);
    }

    /**
     * This endpoint with a header sent with every request; its value is a secret.
     *
     * @throws IllegalArgumentException if the name is not a token or the value has line breaks
     */
    public ChannelEndpoint withHeader(String name, String value) {
        checkHeader(name, value);
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        List<String> moreSecrets = new ArrayList<>(secrets);
        moreSecrets.add(value);
        return new ChannelEndpoint(uri, more, moreSecrets, description);
    }

    /** This endpoint with one more string that must never appear in a result or a message (a key, a token). */
    public ChannelEndpoint withSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        List<String> moreSecrets = new ArrayList<>(secrets);
        moreSecrets.add(secret);
        return new ChannelEndpoint(uri, headers, moreSecrets, description);
    }

    /** The URL posted to. */
    public URI uri() {
        return uri;
    }

    /** The headers sent with every request. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The strings kept out of results and messages. */
    public List<String> secrets() {
        return secrets;
    }

    /** The secret-free description, e.g. {@code host=alertmanager:9093}. */
    @Override
    public String toString() {
        return description;
    }

    static void checkHeader(String name, String value) {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
        if (name.isBlank() || name.indexOf(':') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("header name must be a non-blank token, was '" + ChannelTexts.oneLine(name) + "'");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("value of header '" + name + "' must not contain line breaks");
        }
        if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header name must not be one the HTTP client sets itself " + RESTRICTED_HEADERS
                    + ", was '" + name + "'");
        }
    }
}
