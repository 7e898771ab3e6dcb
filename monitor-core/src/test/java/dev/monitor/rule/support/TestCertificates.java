package dev.monitor.rule.support;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Self-signed certificates that {@code keytool} generates for a test (valid for a given number of days,
 * for 127.0.0.1 and localhost), and loopback HTTPS servers presenting them, whose certificate can be
 * swapped while they run (as a server reloading a renewed certificate does).
 */
public final class TestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestCertificates() {
    }

    /** A generated key pair and certificate. */
    public record Certificate(KeyStore keystore, X509Certificate x509) {

        /** When the certificate expires. */
        public Instant notAfter() {
            return x509.getNotAfter().toInstant();
        }
    }

    /** Generates a certificate valid from now for {@code days} days into {@code directory}. */
    public static Certificate generate(Path directory, String name, int days) throws Exception {
        Path keystore = directory.resolve(name + ".p12");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-validity", Integer.toString(days)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(keystore)) {
            throw new IllegalStateException("keytool failed for " + name + ": " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        return new Certificate(store, (X509Certificate) store.getCertificate("server"));
    }

    /** A client SSL context trusting exactly these certificates. */
    public static SSLContext trusting(Certificate... certificates) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (int i = 0; i < certificates.length; i++) {
            trusted.setCertificateEntry("server-" + i, certificates[i].x509());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** A running loopback HTTPS server whose certificate can be swapped. */
    public static final class Server implements AutoCloseable {
        private final HttpsServer server;
        private final SwitchingKeyManager keys;

        private Server(HttpsServer server, SwitchingKeyManager keys) {
            this.server = server;
            this.keys = keys;
        }

        /** Starts a server presenting {@code certificate} and answering with {@code handler}. */
        public static Server start(Certificate certificate, HttpHandler handler) throws Exception {
            SwitchingKeyManager keys = new SwitchingKeyManager(keyManager(certificate));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            server.createContext("/", handler);
            server.start();
            return new Server(server, keys);
        }

        /** The port it listens on. */
        public int port() {
            return server.getAddress().getPort();
        }

        /** {@code https://127.0.0.1:PORT/path}. */
        public URI uri(String path) {
            return URI.create("https://127.0.0.1:" + port() + path);
        }

        /** Presents {@code certificate} from the next handshake on. */
        public void present(Certificate certificate) throws Exception {
            keys.current.set(keyManager(certificate));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static X509ExtendedKeyManager keyManager(Certificate certificate) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(certificate.keystore(), PASSWORD);
        return (X509ExtendedKeyManager) factory.getKeyManagers()[0];
    }

    /** A server key manager whose certificate can be replaced while the SSL context lives on. */
    private static final class SwitchingKeyManager extends X509ExtendedKeyManager {
        final AtomicReference<X509ExtendedKeyManager> current;

        SwitchingKeyManager(X509ExtendedKeyManager initial) {
            this.current = new AtomicReference<>(initial);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return current.get().getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return current.get().chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return current.get().getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return current.get().chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return current.get().chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return current.get().getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return current.get().getPrivateKey(alias);
        }
    }
}
