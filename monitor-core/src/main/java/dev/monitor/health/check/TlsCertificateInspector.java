package dev.monitor.health.check;

import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.health.check.internal.AcceptingTrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Reads the validity dates of the certificate chain a TLS server presents. Used by
 * {@link TlsCertificateHealthCheck} and by anything else that needs the days left for an HTTPS
 * URL.
 *
 * <pre>{@code
 * TlsCertificateInspector inspector = new TlsCertificateInspector(Duration.ofSeconds(2));
 * long daysLeft = inspector.inspect(URI.create("https://shop.example.com")).daysLeft(Instant.now());
 * }</pre>
 *
 * <p>It checks dates only: the chain is read without being trusted (self-signed, unknown issuer,
 * other host name and expired chains are all read), so a result says nothing about trust.
 * Every call makes a fresh handshake (no session resumption) so a renewed certificate is seen at
 * once. The connect and each read of the handshake are bounded by the timeout. Thread-safe.
 */
public final class TlsCertificateInspector {

    /** Default bound of the connect and of each handshake read. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(800);

    private final Duration timeout;
    private final int timeoutMillis;

    /** An inspector with the default 800 ms timeout. */
    public TlsCertificateInspector() {
        this(DEFAULT_TIMEOUT);
    }

    /** An inspector bounding the connect and each handshake read by {@code timeout}. */
    public TlsCertificateInspector(Duration timeout) {
        this.timeout = ArgumentChecks.timeout("timeout", timeout);
        this.timeoutMillis = ArgumentChecks.millis(timeout);
    }

    /** The timeout of the connect and of each handshake read. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Inspects the server of an {@code https} URI (port 443 unless the URI names one).
     *
     * @throws IllegalArgumentException if the URI is not an absolute {@code https} URI with a host
     * @throws IOException if the server cannot be reached or the handshake fails
     */
    public CertificateExpiry inspect(URI uri) throws IOException {
        requireHttps(uri);
        return inspect(uri.getHost(), portOf(uri));
    }

    /** Checks that {@code uri} is an absolute {@code https} URI with a host. */
    static URI requireHttps(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("uri must be an absolute https URI such as 'https://shop.example.com', was '"
                    + uri + "'");
        }
        return uri;
    }

    /** The port of an {@code https} URI: the one it names, else 443. */
    static int portOf(URI uri) {
        return uri.getPort() == -1 ? 443 : uri.getPort();
    }

    /**
     * Connects to {@code host:port}, completes a TLS handshake and returns the presented chain's
     * validity window.
     *
     * @throws IllegalArgumentException if the host is blank or the port out of range
     * @throws IOException if the server cannot be reached or the handshake fails
     */
    public CertificateExpiry inspect(String host, int port) throws IOException {
        ArgumentChecks.host(host);
        ArgumentChecks.port(port);
        String hostName = stripBrackets(host);
        InetSocketAddress address = new InetSocketAddress(hostName, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException("unknown host '" + hostName + "'");
        }
        SSLContext context = freshContext();
        Socket plain = new Socket();
        try {
            plain.connect(address, timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            // The host name goes to the layered socket so that SNI is sent for names (not for IP literals).
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, hostName, port, true)) {
                tls.setSoTimeout(timeoutMillis);
                tls.startHandshake();
                return expiryOf(tls.getSession().getPeerCertificates());
            }
        } finally {
            plain.close();
        }
    }

    private static CertificateExpiry expiryOf(Certificate[] chain) throws IOException {
        Instant notBefore = null;
        Instant notAfter = null;
        int expiringIndex = 0;
        int length = 0;
        for (Certificate certificate : chain) {
            if (!(certificate instanceof X509Certificate x509)) {
                continue;
            }
            Instant start = x509.getNotBefore().toInstant();
            Instant end = x509.getNotAfter().toInstant();
            if (notBefore == null || start.isAfter(notBefore)) {
                notBefore = start;
            }
            if (notAfter == null || end.isBefore(notAfter)) {
                notAfter = end;
                expiringIndex = length;
            }
            length++;
        }
        if (notBefore == null || notAfter == null) {
            throw new IOException("the server presented no X.509 certificate");
        }
        return new CertificateExpiry(notBefore, notAfter, expiringIndex, length);
    }

    private static SSLContext freshContext() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptingTrustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
    }

    private static String stripBrackets(String host) {
        return host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']'
                ? host.substring(1, host.length() - 1)
                : host;
    }
}
