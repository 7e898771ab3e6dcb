package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real HTTPS servers on loopback with self-signed certificates that {@code keytool}
 * generates for this test: one valid for 10 days, one for 400 days, one expired 10 days ago.
 */
class TlsCertificateHealthCheckTest {

    /** Longer than any TLS handshake on loopback takes, however busy the machine (the default is 800 ms). */
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keystores;

    private static final List<HttpsServer> servers = new ArrayList<>();
    private static Server tenDays;
    private static Server fourHundredDays;
    private static Server expired;

    /** A running HTTPS server and the certificate it presents. */
    private record Server(int port, X509Certificate certificate, Path keystore) {
    }

    @BeforeAll
    static void startHttpsServers() throws Exception {
        tenDays = start(generate("ten-days", "-validity", "10"));
        fourHundredDays = start(generate("four-hundred-days", "-validity", "400"));
        expired = start(generate("expired", "-startdate", "-20d", "-validity", "10"));
    }

    @AfterAll
    static void stopHttpsServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void warnsWhenTheCertificateExpiresWithinThirtyDays() {
        HealthResult result = TlsCertificateHealthCheck.builder("127.0.0.1", tenDays.port()).timeout(GENEROUS)
                .build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        long daysLeft = result.observed().value().longValue();
        assertThat(daysLeft).isBetween(9L, 10L);
        assertThat(result.observed().measurement()).isEqualTo("daysLeft");
        assertThat(result.observed().unit()).isEqualTo("days");
        assertThat(result.error()).isEqualTo("certificate expires in " + daysLeft + " days (warn at 30 days left)");
        assertThat(result.details())
                .containsEntry("expires_at", tenDays.certificate().getNotAfter().toInstant().toString())
                .containsEntry("expiring_certificate", "server")
                .containsEntry("trust_checked", false);
    }

    @Test
    void passesWhenTheCertificateHasFourHundredDaysLeft() {
        HealthResult result = TlsCertificateHealthCheck.builder("127.0.0.1", fourHundredDays.port()).timeout(GENEROUS)
                .build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.error()).isNull();
        assertThat(result.observed().value().longValue()).isBetween(399L, 400L);
        assertThat(result.details()).containsEntry("trust_checked", false);
    }

    @Test
    void failsWhenTheCertificateHasExpired() {
        HealthResult result = TlsCertificateHealthCheck.builder("127.0.0.1", expired.port()).timeout(GENEROUS)
                .build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("certificate expired at " + expired.certificate().getNotAfter().toInstant());
        assertThat(result.observed().value().longValue()).isBetween(-11L, -10L);
    }

    @Test
    void failsAtTheConfiguredFailureDaysLeft() {
        HealthResult result = TlsCertificateHealthCheck.builder("127.0.0.1", tenDays.port())
                .warnAtDaysLeft(30).failAtDaysLeft(14).timeout(GENEROUS).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).endsWith(" days (fail at 14 days left)");
    }

    @Test
    void countsDaysLeftOnTheGivenClock() {
        Instant notAfter = fourHundredDays.certificate().getNotAfter().toInstant();
        TlsCertificateHealthCheck.Builder builder = TlsCertificateHealthCheck.builder("127.0.0.1", fourHundredDays.port())
                .timeout(GENEROUS);

        HealthResult fiveDaysBefore = builder.clock(at(notAfter.minus(Duration.ofDays(5)))).build().check();
        HealthResult lastDay = builder.clock(at(notAfter.minusSeconds(60))).build().check();
        HealthResult oneSecondAfter = builder.clock(at(notAfter.plusSeconds(1))).build().check();
        HealthResult beforeStart = builder.clock(at(Instant.now().minus(Duration.ofDays(2)))).build().check();

        assertThat(fiveDaysBefore.status()).isEqualTo(CheckStatus.WARN);
        assertThat(fiveDaysBefore.observed().value()).isEqualTo(5L);
        assertThat(lastDay.status()).isEqualTo(CheckStatus.WARN);
        assertThat(lastDay.observed().value()).isEqualTo(0L);
        assertThat(oneSecondAfter.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(oneSecondAfter.error()).startsWith("certificate expired at ");
        assertThat(beforeStart.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(beforeStart.error()).startsWith("certificate is not valid before ");
    }

    @Test
    void inspectorGivesTheDaysLeftOfAnHttpsUri() throws IOException {
        TlsCertificateInspector inspector = new TlsCertificateInspector(GENEROUS);

        CertificateExpiry expiry = inspector.inspect(URI.create("https://127.0.0.1:" + fourHundredDays.port() + "/status"));

        assertThat(expiry.notAfter()).isEqualTo(fourHundredDays.certificate().getNotAfter().toInstant());
        assertThat(expiry.notBefore()).isEqualTo(fourHundredDays.certificate().getNotBefore().toInstant());
        assertThat(expiry.chainLength()).isEqualTo(1);
        assertThat(expiry.expiringIndex()).isZero();
        assertThat(expiry.daysLeft(Instant.now())).isBetween(399L, 400L);
        assertThat(expiry.isExpired(Instant.now())).isFalse();
    }

    @Test
    void seesARenewedCertificateOnTheNextInspection() throws Exception {
        // One server context throughout (its session tickets stay valid) whose certificate is
        // swapped, as a server reloading a renewed certificate does: an inspector that resumed
        // its earlier session would keep reporting the old certificate.
        SwitchingKeyManager keys = new SwitchingKeyManager(keyManager(load(tenDays.keystore())));
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(new KeyManager[] {keys}, null, null);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serveTls(listener, serverContext));
            server.setDaemon(true);
            server.start();
            TlsCertificateInspector inspector = new TlsCertificateInspector(GENEROUS);
            assertThat(inspector.inspect("127.0.0.1", listener.getLocalPort()).notAfter())
                    .isEqualTo(tenDays.certificate().getNotAfter().toInstant());

            keys.current.set(keyManager(load(fourHundredDays.keystore())));

            assertThat(inspector.inspect("127.0.0.1", listener.getLocalPort()).notAfter())
                    .isEqualTo(fourHundredDays.certificate().getNotAfter().toInstant());
        }
    }

    @Test
    void failsWhenNothingListens() throws IOException {
        int port = HttpEndpointHealthCheckTest.closedPort();

        HealthResult result = TlsCertificateHealthCheck.builder("127.0.0.1", port).timeout(GENEROUS).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).startsWith("TLS connection to 127.0.0.1:" + port + " failed: ConnectException");
    }

    @Test
    void failsAtItsTimeoutWhenTheServerNeverAnswersTheHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = acceptAndStaySilent(silent);
            TlsCertificateHealthCheck check = TlsCertificateHealthCheck.builder("127.0.0.1", silent.getLocalPort())
                    .timeout(Duration.ofMillis(300)).build();

            // the server stays silent until the test ends: a hang guard, not a speed limit
            HealthResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), check::check);

            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.error()).isEqualTo("TLS connection to 127.0.0.1:" + silent.getLocalPort()
                    + " timed out after 300 ms");
            acceptor.join(60_000); // the silent server sees the hang-up and ends
        }
    }

    @Test
    void failsWhenTheServerDoesNotSpeakTls() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = plain.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    Thread.sleep(500);
                } catch (IOException | InterruptedException e) {
                    // test over
                }
            });
            server.setDaemon(true);
            server.start();

            HealthResult result = TlsCertificateHealthCheck.builder("127.0.0.1", plain.getLocalPort())
                    .timeout(GENEROUS).build().check();

            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.error()).startsWith("TLS connection to 127.0.0.1:" + plain.getLocalPort() + " failed: ")
                    .doesNotContain("\n");
        }
    }

    @Test
    void builderRejectsBadSettingsWithMessagesNamingThem() {
        assertThatThrownBy(() -> TlsCertificateHealthCheck.builder("127.0.0.1", 443).warnAtDaysLeft(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("warnAtDaysLeft must be between 0 and 3650, was -1");
        assertThatThrownBy(() -> TlsCertificateHealthCheck.builder("127.0.0.1", 443).warnAtDaysLeft(10).failAtDaysLeft(10).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failAtDaysLeft (10) must be less than warnAtDaysLeft (10)");
        assertThatThrownBy(() -> TlsCertificateHealthCheck.builder(URI.create("http://127.0.0.1/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("uri must be an absolute https URI");
        assertThatThrownBy(() -> new TlsCertificateInspector(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be greater than 0, was PT0S");
        assertThatThrownBy(() -> new TlsCertificateHealthCheck("127.0.0.1", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be between 1 and 65535, was -1");
    }

    @Test
    void uriBuilderUsesPort443UnlessTheUriNamesOne() {
        HealthResult result = TlsCertificateHealthCheck.builder(URI.create("https://127.0.0.1:" + tenDays.port() + "/"))
                .timeout(GENEROUS).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static Path generate(String name, String... validity) throws Exception {
        Path keystore = keystores.resolve(name + ".p12");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
        command.addAll(List.of(validity));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(keystore)) {
            throw new IllegalStateException("keytool failed for " + name + ": " + output);
        }
        return keystore;
    }

    private static Server start(Path keystorePath) throws Exception {
        KeyStore keystore = load(keystorePath);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context(keystore)));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return new Server(server.getAddress().getPort(), (X509Certificate) keystore.getCertificate("server"), keystorePath);
    }

    private static KeyStore load(Path keystorePath) throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystorePath)) {
            keystore.load(in, PASSWORD);
        }
        return keystore;
    }

    private static SSLContext context(KeyStore keystore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keystore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** Accepts connections until the listener closes and completes a handshake on each. */
    private static void serveTls(ServerSocket listener, SSLContext context) {
        while (!listener.isClosed()) {
            try (Socket plain = listener.accept();
                    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, true)) {
                tls.setUseClientMode(false);
                // TLS 1.2 resumes sessions by ID within the handshake; TLS 1.3 tickets would only
                // arrive after it. So this server would let a caching client resume.
                tls.setEnabledProtocols(new String[] {"TLSv1.2"});
                tls.setSoTimeout(60_000); // a hang guard: the client hangs up when it has what it needs
                tls.startHandshake();
                tls.getInputStream().read(); // until the client hangs up
            } catch (IOException e) {
                // client gone or listener closed
            }
        }
    }

    private static X509ExtendedKeyManager keyManager(KeyStore keystore) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keystore, PASSWORD);
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

    private static Thread acceptAndStaySilent(ServerSocket listener) {
        Thread thread = new Thread(() -> {
            try (Socket socket = listener.accept()) {
                socket.getInputStream().read(); // reads the ClientHello, never answers; ends when the client hangs up
                socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // test over
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
