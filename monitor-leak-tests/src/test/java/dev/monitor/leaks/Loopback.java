package dev.monitor.leaks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.alert.support.MailText;
import jakarta.mail.internet.MimeMessage;
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
 * error-body and status-page surfaces), one HTTP receiver standing in for every provider (answering {@code 200 {}},
 * which every channel and the Sentry SDK take as delivered), one GreenMail SMTP server, and the log capture.
 */
final class Loopback implements AutoCloseable {

    private final Server jetty = new Server();
    private final ServletContextHandler context = new ServletContextHandler("/");
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    /** Every provider at once: webhooks, Slack, Discord, Teams, PagerDuty, Alertmanager, Twilio, Sentry envelopes. */
    final LoopbackHttpServer receiver = LoopbackHttpServer.start()
            .defaultReply(LoopbackHttpServer.Reply.status(200).body("{}"));
    private int taken;
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

    /**
     * Adds to {@code drive} the requests the receiver got since the last call, each as its request line, headers and
     * body (decompressed).
     */
    void takeRequests(Drive drive) {
        List<LoopbackHttpServer.Request> requests = receiver.requests();
        for (LoopbackHttpServer.Request request : requests.subList(taken, requests.size())) {
            StringBuilder text = new StringBuilder(request.method()).append(' ').append(request.path());
            if (request.query() != null) {
                text.append('?').append(request.query());
            }
            text.append('\n');
            request.headers().forEach((name, values) -> text.append(name).append(": ").append(String.join(", ", values))
                    .append('\n'));
            drive.output("the request to " + request.path(), text.append('\n').append(request.body()).toString());
        }
        taken = requests.size();
    }

    /** Takes the mails received so far, each as its raw source and its decoded subject and parts. */
    List<String> drainMails() throws Exception {
        List<String> mails = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            mails.add(MailText.of(message));
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
