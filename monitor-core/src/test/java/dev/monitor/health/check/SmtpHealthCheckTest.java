package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpHealthCheckTest {

    /** Waits up to 60 s for the GreenMail server to start: a hang guard (its 2 s default is not one on a busy machine). */
    private static ServerSetup patient(ServerSetup setup) {
        setup.setServerStartupTimeout(60_000);
        return setup;
    }

    @RegisterExtension
    static final GreenMailExtension greenMail =
            new GreenMailExtension(patient(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)));
    /** Longer than any SMTP exchange on loopback takes, however busy the machine (the default is 800 ms). */
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @Test
    void passesAgainstARealSmtpServerAndReportsNoStartTls() {
        HealthResult result = SmtpHealthCheck.builder("127.0.0.1", greenMail.getSmtp().getPort()).timeout(GENEROUS)
                .build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.error()).isNull();
        assertThat(result.details()).containsEntry("starttls", false);
        assertThat(result.observed().measurement()).isEqualTo("responseTime");
        assertThat(result.observed().unit()).isEqualTo("ms");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void failsWhenStartTlsIsRequiredButNotOffered() {
        HealthResult result = SmtpHealthCheck.builder("127.0.0.1", greenMail.getSmtp().getPort())
                .requireStartTls(true).timeout(GENEROUS).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("server does not offer STARTTLS");
        assertThat(result.details()).containsEntry("starttls", false);
    }

    @Test
    void failsWhenNothingListens() throws IOException {
        int port = HttpEndpointHealthCheckTest.closedPort();

        HealthResult result = SmtpHealthCheck.builder("127.0.0.1", port).timeout(GENEROUS).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).startsWith("cannot connect to 127.0.0.1:" + port + ": ConnectException");
    }

    @Test
    void reportsStartTlsFromAMultiLineEhloReplyAndSaysQuit() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                "220 mail.test ESMTP ready",
                "250-mail.test greets you\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 8BITMIME",
                "221 bye")) {
            HealthResult result = SmtpHealthCheck.builder("127.0.0.1", server.port())
                    .ehloDomain("app1.internal").requireStartTls(true).timeout(GENEROUS).build().check();

            assertThat(result.status()).isEqualTo(CheckStatus.PASS);
            assertThat(result.details()).containsEntry("starttls", true);
            assertThat(server.awaitCommands(2)).containsExactly("EHLO app1.internal", "QUIT");
        }
    }

    @Test
    void failsOnAGreetingOtherThan220WithoutEchoingTheServerText() throws Exception {
        try (ScriptedServer server = new ScriptedServer("554 no SMTP service here, contact admin@mail.test")) {
            HealthResult result = SmtpHealthCheck.builder("127.0.0.1", server.port()).timeout(GENEROUS)
                    .build().check();

            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.error()).isEqualTo("unexpected greeting 554 from 127.0.0.1:" + server.port()
                    + " (expected 220)");
        }
    }

    @Test
    void failsWhenEhloIsRejected() throws Exception {
        try (ScriptedServer server = new ScriptedServer("220 ready", "502 command not implemented")) {
            HealthResult result = SmtpHealthCheck.builder("127.0.0.1", server.port()).timeout(GENEROUS)
                    .build().check();

            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.error()).isEqualTo("EHLO answered 502 by 127.0.0.1:" + server.port() + " (expected 250)");
        }
    }

    @Test
    void failsOnAMalformedReply() throws Exception {
        try (ScriptedServer server = new ScriptedServer("hello there")) {
            HealthResult result = SmtpHealthCheck.builder("127.0.0.1", server.port()).timeout(GENEROUS)
                    .build().check();

            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.error()).isEqualTo("SMTP greeting with 127.0.0.1:" + server.port()
                    + " failed: IOException: malformed SMTP reply line");
        }
    }

    @Test
    void failsAtItsTimeoutWhenTheServerNeverGreets() throws Exception {
        try (ScriptedServer silent = new ScriptedServer()) {
            SmtpHealthCheck check = SmtpHealthCheck.builder("127.0.0.1", silent.port())
                    .timeout(Duration.ofMillis(300)).build();

            // the server stays silent until the test ends: a hang guard, not a speed limit
            HealthResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), check::check);

            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.error()).isEqualTo("SMTP greeting with 127.0.0.1:" + silent.port()
                    + " timed out after 300 ms");
        }
    }

    @Test
    void builderRejectsAnEhloDomainThatCouldInjectCommands() {
        assertThatThrownBy(() -> SmtpHealthCheck.builder("127.0.0.1", 25).ehloDomain("x\r\nRCPT TO:<a@b.c>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ehloDomain must be a domain name")
                .hasMessageEndingWith("was 'x??RCPT TO:<a@b.c>'");
        assertThatThrownBy(() -> SmtpHealthCheck.builder("127.0.0.1", 25).ehloDomain(""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpHealthCheck.builder("127.0.0.1", 25).timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be greater than 0, was PT0S");
        SmtpHealthCheck.builder("127.0.0.1", 25).ehloDomain("[10.0.0.5]").ehloDomain("[IPv6:::1]").build();
    }

    /**
     * A one-connection SMTP stand-in on loopback: sends the first reply on connect and the next
     * one after each command it reads; records the commands. With no replies it stays silent.
     */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> commands = new CopyOnWriteArrayList<>();
        private final Thread thread;

        ScriptedServer(String... replies) throws IOException {
            thread = new Thread(() -> serve(replies), "scripted-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        List<String> awaitCommands(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a hang guard only
            while (commands.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return List.copyOf(commands);
        }

        private void serve(String[] replies) {
            try (Socket socket = listener.accept()) {
                OutputStream out = socket.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                if (replies.length == 0) {
                    in.read(); // silent until the client gives up
                    return;
                }
                for (int i = 0; i < replies.length; i++) {
                    if (i > 0) {
                        String command = in.readLine();
                        if (command == null) {
                            return;
                        }
                        commands.add(command);
                    }
                    out.write((replies[i] + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                String rest;
                while ((rest = in.readLine()) != null) {
                    commands.add(rest);
                }
            } catch (IOException e) {
                // client gone or server closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
