package dev.monitor.health.check;

import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.config.internal.Failures;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Checks an SMTP server: connects, expects the {@code 220} greeting, sends {@code EHLO} and
 * expects {@code 250}, then says {@code QUIT}. No mail is sent and no credentials are used.
 *
 * <pre>{@code
 * health.register("smtp", new SmtpHealthCheck("mail.internal", 587),
 *         CheckOptions.builder().critical(false).build());
 * health.register("smtp", SmtpHealthCheck.builder("mail.internal", 587).requireStartTls(true).build());
 * }</pre>
 *
 * <p>The detail {@code starttls} says whether the server offers STARTTLS; with
 * {@link Builder#requireStartTls(boolean)} its absence fails the check. The observed value is the
 * time the conversation took. The whole conversation is bounded by the timeout (default 800 ms).
 * Server replies never appear in the result beyond their status codes.
 */
public final class SmtpHealthCheck implements HealthCheck {

    /** Default bound of the whole conversation. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(800);
    /** Default name sent with {@code EHLO}. */
    public static final String DEFAULT_EHLO_DOMAIN = "localhost";

    /**
     * RFC 5321 allows 512 characters per reply line; be lenient but bounded. An input cap on what is read: reply
     * text never appears in the result (errors name the step and the reply code only).
     */
    private static final int MAX_LINE_LENGTH = 2048;
    private static final int MAX_REPLY_LINES = 100;

    private final String host;
    private final int port;
    private final Duration timeout;
    private final String ehloDomain;
    private final boolean requireStartTls;

    /** Checks the SMTP server at {@code host:port} with the defaults. */
    public SmtpHealthCheck(String host, int port) {
        this(builder(host, port));
    }

    private SmtpHealthCheck(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.timeout = builder.timeout;
        this.ehloDomain = builder.ehloDomain;
        this.requireStartTls = builder.requireStartTls;
    }

    /** A builder for a check of the SMTP server at {@code host:port}. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return HealthResult.fail("unknown host '" + host + "'");
        }
        String step = "connect";
        try (Socket socket = new Socket()) {
            socket.connect(address, ArgumentChecks.millis(timeout));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();

            step = "greeting";
            Reply greeting = readReply(socket, in, deadline);
            if (greeting.code() != 220) {
                return HealthResult.fail("unexpected greeting " + greeting.code() + " from " + target() + " (expected 220)");
            }
            step = "EHLO";
            send(out, "EHLO " + ehloDomain);
            Reply ehlo = readReply(socket, in, deadline);
            if (ehlo.code() != 250) {
                return HealthResult.fail("EHLO answered " + ehlo.code() + " by " + target() + " (expected 250)");
            }
            boolean startTls = offersStartTls(ehlo);
            step = "QUIT";
            send(out, "QUIT");
            readReply(socket, in, deadline); // 221 expected; any answer (or none, see below) is fine

            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            CheckStatus status = requireStartTls && !startTls ? CheckStatus.FAIL : CheckStatus.PASS;
            return HealthResult.builder(status)
                    .observed("responseTime", elapsedMillis, "ms")
                    .detail("starttls", startTls)
                    .error(status == CheckStatus.FAIL ? "server does not offer STARTTLS" : null)
                    .build();
        } catch (SocketTimeoutException e) {
            return HealthResult.fail("SMTP " + step + " with " + target() + " timed out after " + timeout.toMillis()
                    + " ms");
        } catch (ConnectException e) {
            return HealthResult.fail("cannot connect to " + target() + ": " + Failures.describe(e));
        } catch (IOException | RuntimeException e) {
            if ("QUIT".equals(step)) {
                // The server answered EHLO; one that drops the line on QUIT is still healthy.
                return HealthResult.builder(CheckStatus.PASS)
                        .observed("responseTime", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), "ms")
                        .build();
            }
            return HealthResult.fail("SMTP " + step + " with " + target() + " failed: " + Failures.describe(e));
        }
    }

    private static boolean offersStartTls(Reply ehlo) {
        for (String line : ehlo.texts()) {
            String keyword = line.strip();
            int space = keyword.indexOf(' ');
            if (space >= 0) {
                keyword = keyword.substring(0, space);
            }
            if (keyword.equalsIgnoreCase("STARTTLS")) {
                return true;
            }
        }
        return false;
    }

    private static void send(OutputStream out, String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one possibly multi-line reply, never past the deadline. */
    private Reply readReply(Socket socket, InputStream in, long deadline) throws IOException {
        List<String> texts = new ArrayList<>();
        while (true) {
            String line = readLine(socket, in, deadline);
            if (line.length() < 3 || !isDigits(line)) {
                throw new IOException("malformed SMTP reply line");
            }
            int code = Integer.parseInt(line.substring(0, 3));
            texts.add(line.length() > 4 ? line.substring(4) : "");
            boolean more = line.length() > 3 && line.charAt(3) == '-';
            if (!more) {
                return new Reply(code, texts);
            }
            if (texts.size() >= MAX_REPLY_LINES) {
                throw new IOException("SMTP reply longer than " + MAX_REPLY_LINES + " lines");
            }
        }
    }

    private String readLine(Socket socket, InputStream in, long deadline) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("deadline reached");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining))));
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE_LENGTH) {
                throw new IOException("SMTP reply line longer than " + MAX_LINE_LENGTH + " characters");
            }
            line.append((char) b);
        }
    }

    private static boolean isDigits(String line) {
        return Character.isDigit(line.charAt(0)) && Character.isDigit(line.charAt(1)) && Character.isDigit(line.charAt(2));
    }

    private String target() {
        return host + ":" + port;
    }

    /** One SMTP reply: its code and the text of each line. */
    private record Reply(int code, List<String> texts) {
    }

    /** Builds an {@link SmtpHealthCheck}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Duration timeout = DEFAULT_TIMEOUT;
        private String ehloDomain = DEFAULT_EHLO_DOMAIN;
        private boolean requireStartTls;

        private Builder(String host, int port) {
            this.host = ArgumentChecks.host(host);
            this.port = ArgumentChecks.port(port);
        }

        /** Bound of the whole conversation (default 800 ms). */
        public Builder timeout(Duration timeout) {
            this.timeout = ArgumentChecks.timeout("timeout", timeout);
            return this;
        }

        /**
         * The name sent with {@code EHLO} (default {@code localhost}): a domain name such as
         * {@code app1.internal} or an address literal such as {@code [10.0.0.5]}.
         */
        public Builder ehloDomain(String ehloDomain) {
            Objects.requireNonNull(ehloDomain, "ehloDomain");
            if (ehloDomain.isEmpty() || ehloDomain.length() > 255 || !validDomain(ehloDomain)) {
                throw new IllegalArgumentException("ehloDomain must be a domain name (letters, digits, '.', '-') or an "
                        + "address literal in brackets, at most 255 characters, was '" + ArgumentChecks.printable(ehloDomain) + "'");
            }
            this.ehloDomain = ehloDomain;
            return this;
        }

        /** Fails the check when the server does not offer STARTTLS (default false: only reported). */
        public Builder requireStartTls(boolean requireStartTls) {
            this.requireStartTls = requireStartTls;
            return this;
        }

        /** Builds the check. */
        public SmtpHealthCheck build() {
            return new SmtpHealthCheck(this);
        }

        private static boolean validDomain(String domain) {
            boolean literal = domain.length() > 2 && domain.charAt(0) == '[' && domain.charAt(domain.length() - 1) == ']';
            String body = literal ? domain.substring(1, domain.length() - 1) : domain;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                        || c == '-' || (literal && (c == ':'));
                if (!ok) {
                    return false;
                }
            }
            return !body.isEmpty();
        }
    }
}
