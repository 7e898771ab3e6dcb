package dev.monitor.uptime.internal;

import dev.monitor.config.internal.Failures;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.Ticker;
import dev.monitor.pii.Scrubber;
import dev.monitor.uptime.DnsQuery;
import dev.monitor.uptime.DnsRecordType;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Checks a DNS target with dnsjava: one query to the chosen resolver (UDP, falling back to TCP for a truncated
 * answer), bounded by the target's timeout. Failures are classified: {@code NXDOMAIN}, {@code timed out},
 * {@code wrong answer} (no record of the type, or not the expected values) and {@code error} (any other response
 * code, or no exchange). Not API.
 */
public final class DnsProbe implements UptimeProbe {

    /** Answered values listed in an error text at most. */
    private static final int MAX_LISTED = 10;

    private final UptimeTarget target;
    private final DnsQuery query;
    private final Scrubber scrubber;
    private final Ticker ticker;
    private final Name name;
    private final int type;
    private @Nullable SimpleResolver resolver;

    DnsProbe(UptimeTarget target, Scrubber scrubber, Ticker ticker) {
        this.target = Objects.requireNonNull(target, "target");
        this.query = Objects.requireNonNull(target.dnsQuery(), "dnsQuery");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        try {
            this.name = Name.fromString(query.name(), Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("name must be a domain name", e);
        }
        this.type = switch (query.type()) {
            case A -> Type.A;
            case AAAA -> Type.AAAA;
            case CNAME -> Type.CNAME;
            case MX -> Type.MX;
            case TXT -> Type.TXT;
        };
    }

    @Override
    public UptimeCheckResult check(Supplier<Instant> clock) {
        long start = ticker.read();
        Message response;
        try {
            response = send();
        } catch (TimeoutException e) {
            return result(clock.get(), CheckStatus.FAIL, null, timedOut());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(clock.get(), CheckStatus.FAIL, null, "error: interrupted while waiting for the answer");
        } catch (UnknownHostException e) {
            return result(clock.get(), CheckStatus.FAIL, null, "error: unresolved resolver host '" + query.resolverHost() + "'");
        } catch (ExecutionException | IOException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return result(clock.get(), CheckStatus.FAIL, null, timedOut());
            }
            return result(clock.get(), CheckStatus.FAIL, null, "error: no answer: " + Failures.describe(cause));
        }
        Duration time = Duration.ofNanos(Math.max(0, ticker.read() - start));
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return result(clock.get(), CheckStatus.FAIL, time, "NXDOMAIN: " + query.name() + " does not exist");
        }
        if (rcode != Rcode.NOERROR) {
            return result(clock.get(), CheckStatus.FAIL, time, "error: the resolver answered " + Rcode.string(rcode));
        }
        Set<String> answered = new TreeSet<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            String value = value(record);
            if (value != null) {
                answered.add(value);
            }
        }
        String wrong = compare(answered);
        if (wrong != null) {
            return result(clock.get(), CheckStatus.FAIL, time, wrong);
        }
        Duration slow = target.degradedAbove();
        if (slow != null && time.compareTo(slow) > 0) {
            return result(clock.get(), CheckStatus.WARN, time, "slow answer: " + time.toMillis() + " ms (warn above "
                    + slow.toMillis() + " ms)");
        }
        return result(clock.get(), CheckStatus.PASS, time, null);
    }

    private Message send() throws IOException, InterruptedException, ExecutionException, TimeoutException {
        SimpleResolver current = resolver;
        if (current == null) {
            // resolved on the monitor's thread at the first check, never on the caller's when the target is added
            String host = query.resolverHost();
            current = host == null ? new SimpleResolver()
                    : new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), query.resolverPort()));
            current.setTimeout(target.timeout());
            resolver = current;
        }
        Message question = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        CompletableFuture<Message> answer = current.sendAsync(question).toCompletableFuture();
        try {
            return answer.get(target.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
    }

    private @Nullable String compare(Set<String> answered) {
        String what = query.type() + " " + query.name();
        if (answered.isEmpty()) {
            return "wrong answer: no " + query.type() + " record for " + query.name();
        }
        return switch (query.match()) {
            case ANY -> null;
            case EXACTLY -> answered.equals(new TreeSet<>(query.expected())) ? null
                    : "wrong answer: " + what + " is " + listed(answered) + ", expected exactly " + listed(query.expected());
            case CONTAINING -> answered.containsAll(query.expected()) ? null
                    : "wrong answer: " + what + " is " + listed(answered) + ", expected to contain " + listed(query.expected());
        };
    }

    private static String listed(Set<String> values) {
        List<String> shown = new ArrayList<>(new TreeSet<>(values));
        if (shown.size() > MAX_LISTED) {
            int more = shown.size() - MAX_LISTED;
            shown = new ArrayList<>(shown.subList(0, MAX_LISTED));
            shown.add("and " + more + " more");
        }
        return shown.toString();
    }

    private @Nullable String value(Record record) {
        if (record.getType() != type) {
            return null; // e.g. the CNAME before the A records asked for
        }
        if (record instanceof ARecord a) {
            return a.getAddress().getHostAddress();
        }
        if (record instanceof AAAARecord aaaa) {
            return aaaa.getAddress().getHostAddress();
        }
        if (record instanceof CNAMERecord cname) {
            return text(cname.getTarget());
        }
        if (record instanceof MXRecord mx) {
            return text(mx.getTarget());
        }
        if (record instanceof TXTRecord txt) {
            return String.join("", txt.getStrings());
        }
        return null;
    }

    private String timedOut() {
        return "timed out after " + target.timeout().toMillis() + " ms";
    }

    private UptimeCheckResult result(Instant now, CheckStatus status, @Nullable Duration time, @Nullable String error) {
        return new UptimeCheckResult(target.name(), now, status, time, 0, null,
                error == null ? null : scrubber.scrub(error, UptimeCheckResult.MAX_ERROR_LENGTH));
    }

    private static String text(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    /**
     * {@code name} lower-case without a trailing dot.
     *
     * @throws IllegalArgumentException naming {@code setting} if it is not a domain name
     */
    public static String normalizeName(String setting, String name) {
        Objects.requireNonNull(name, setting);
        try {
            if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c > 126)) {
                throw new TextParseException("blank or not ASCII");
            }
            return text(Name.fromString(name, Name.root));
        } catch (TextParseException e) {
            throw new IllegalArgumentException(setting + " must be a domain name such as 'shop.example.com', was '"
                    + name + "'");
        }
    }

    /**
     * {@code value} in the canonical form of {@code type}, for comparing with answers.
     *
     * @throws IllegalArgumentException if an A or AAAA value is not an address of that family, or a CNAME or MX value
     *     not a domain name
     */
    public static String normalizeValue(DnsRecordType type, String value) {
        return switch (type) {
            case A -> address(value, Address.IPv4, "an IPv4 address such as '192.0.2.1'");
            case AAAA -> address(value, Address.IPv6, "an IPv6 address such as '2001:db8::1'");
            case CNAME, MX -> normalizeName("expected " + type + " value", value);
            case TXT -> value;
        };
    }

    private static String address(String value, int family, String what) {
        try {
            return Address.getByAddress(value, family).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("expected value must be " + what + ", was '" + value + "'");
        }
    }
}
