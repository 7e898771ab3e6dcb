package dev.monitor.health.check.internal;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every server certificate chain so that its dates can be read, also when it is
 * self-signed, untrusted, for another host or already expired. Used only to inspect
 * certificates; never for a connection that carries data. Not API.
 *
 * <p>It is an {@link X509ExtendedTrustManager} on purpose: the JDK wraps plain
 * {@code X509TrustManager}s in extra checks that would reject some of the chains we want to read.
 */
public final class AcceptingTrustManager extends X509ExtendedTrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("client certificates are not inspected");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("client certificates are not inspected");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("client certificates are not inspected");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // accepted: the caller inspects the dates itself
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // accepted: the caller inspects the dates itself
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // accepted: the caller inspects the dates itself
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
