package dev.monitor.alert.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server on 127.0.0.1 speaking just enough of RFC 5321 for Jakarta Mail, for failure
 * modes GreenMail cannot produce: it answers {@code 451} (try again later) to {@code MAIL FROM} on the
 * first {@code transientFailures} connections, or, when {@code silent}, accepts connections and never
 * says a word.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final int transientFailures;
    private final boolean silent;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private ScriptedSmtpServer(int transientFailures, boolean silent) {
        try {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.transientFailures = transientFailures;
        this.silent = silent;
        this.acceptor = new Thread(this::accept, "scripted-smtp");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Answers 451 to the first {@code count} connections' MAIL FROM, then accepts mail. */
    public static ScriptedSmtpServer failingFirst(int count) {
        return new ScriptedSmtpServer(count, false);
    }

    /** Accepts connections and never answers. */
    public static ScriptedSmtpServer silent() {
        return new ScriptedSmtpServer(0, true);
    }

    /** The port. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** The DATA of every accepted message. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                int number = connections.incrementAndGet();
                if (silent) {
                    continue;
                }
                Thread session = new Thread(() -> serve(client, number <= transientFailures), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client, boolean failMail) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = client.getOutputStream()) {
            write(out, "220 scripted ESMTP ready");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    write(out, "250-scripted\r\n250 8BITMIME");
                } else if (command.startsWith("HELO")) {
                    write(out, "250 scripted");
                } else if (command.startsWith("MAIL")) {
                    write(out, failMail ? "451 4.3.0 temporarily unable to accept mail, try again later" : "250 2.1.0 OK");
                } else if (command.startsWith("RCPT")) {
                    write(out, "250 2.1.5 OK");
                } else if (command.startsWith("DATA")) {
                    write(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line).append('\n');
                    }
                    messages.add(data.toString());
                    write(out, "250 2.0.0 queued");
                } else if (command.startsWith("QUIT")) {
                    write(out, "221 2.0.0 bye");
                    return;
                } else {
                    write(out, "250 OK");
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket client : open) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
