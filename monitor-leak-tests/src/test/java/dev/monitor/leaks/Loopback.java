package dev.monitor.leaks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The real servers of one run, all on 127.0.0.1 and shared by every surface: one Jetty (the servlets of the health,
 * error-body and status-page surfaces), one HTTP receiver standing in for every provider, one GreenMail SMTP server,
 * and the log capture.
 */
final class Loopback implements AutoCloseable {

    private final Server jetty = new Server();
    private final ServletContextHandler context = new ServletContextHandler("/");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    final LoopbackReceiver receiver = new LoopbackReceiver();
    final LogCapture logs = new LogCapture();

    Loopback() {
        HttpConfiguration http = new HttpConfiguration();
        // let every planted path reach the servlets, encoded separators included: what Jetty refuses never reaches us
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        jetty.setHandler(context);
        mail.start();
    }

    /** The servlet context the surfaces add their servlets and filters to, before {@link #start()}. */
    ServletContextHandler servlets() {
        return context;
    }

    /** Starts Jetty. */
    void start() throws Exception {
        jetty.start();
    }

    /** The SMTP port of GreenMail. */
    int smtpPort() {
        return mail.getSmtp().getPort();
    }

    /**
     * {@code GET path} on Jetty with {@code headers}: the answer as text, status line, headers and body.
     *
     * @param rawPath the path and query, already encoded
     */
    String get(String rawPath, Map<String, String> headers) throws Exception {
        return getAsync(rawPath, headers).join();
    }

    /** {@link #get} without waiting. */
    CompletableFuture<String> getAsync(String rawPath, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + rawPath)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            StringBuilder text = new StringBuilder("HTTP ").append(response.statusCode()).append('\n');
            response.headers().map().forEach((name, values) -> text.append(name).append(": ")
                    .append(String.join(", ", values)).append('\n'));
            return text.append('\n').append(response.body()).toString();
        });
    }

    /** Takes the mails received so far, each as its raw source and its decoded subject and parts. */
    List<String> drainMails() throws Exception {
        List<String> mails = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            ByteArrayOutputStream source = new ByteArrayOutputStream();
            message.writeTo(source);
            StringBuilder text = new StringBuilder(source.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .append("\n--- decoded ---\n").append(message.getSubject()).append('\n');
            Object content = message.getContent();
            if (content instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    text.append(part.getContent()).append('\n');
                }
            } else {
                text.append(content).append('\n');
            }
            mails.add(text.toString());
        }
        mail.purgeEmailFromAllMailboxes();
        return mails;
    }

    @Override
    public void close() {
        logs.close();
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        } finally {
            mail.stop();
            receiver.close();
        }
    }
}
