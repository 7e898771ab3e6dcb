package dev.monitor.uptime;

import dev.monitor.uptime.internal.DnsProbe;
import dev.monitor.uptime.internal.OptionalLibraries;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a DNS uptime target asks and what it expects: a name, a {@link DnsRecordType record type}, the resolver to
 * ask and, optionally, the values the answer must hold. Immutable; build with {@link #builder(String, DnsRecordType)}.
 *
 * <pre>{@code
 * DnsQuery shop = DnsQuery.builder("shop.example.com", DnsRecordType.A)
 *         .resolver("1.1.1.1", 53)                        // default: the system's first resolver
 *         .expectExactly("192.0.2.10", "192.0.2.11")      // or expectContaining("192.0.2.10")
 *         .build();
 * uptime.add(UptimeTarget.dns("shop-dns", shop).build());
 * }</pre>
 *
 * <p>The check fails as {@code NXDOMAIN} when the name does not exist, {@code timed out} when the resolver does
 * not answer within the target's timeout, {@code wrong answer} when the answer holds no record of the type or
 * does not match the expected values, and {@code error} on any other response code (SERVFAIL, REFUSED, ...).
 * <b>Matching</b>: {@link #expectExactly(String...) expectExactly} wants the set of answered values to equal the
 * expected set (order and duplicates ignored: a record added or removed is a wrong answer), and
 * {@link #expectContaining(String...) expectContaining} wants every expected value among the answered ones (other
 * records may come and go, as behind a load balancer). Without expected values any non-empty answer passes.
 * Values are compared in the canonical form of their type (see {@link DnsRecordType}). Needs
 * {@code dnsjava:dnsjava} on the class path.
 */
public final class DnsQuery {

    /** How the answered values are compared with the expected ones. */
    public enum Match {
        /** No expected values: any non-empty answer passes. */
        ANY,
        /** The answered set equals the expected set. */
        EXACTLY,
        /** Every expected value is answered; others may be too. */
        CONTAINING
    }

    /** The standard DNS port. */
    public static final int DEFAULT_PORT = 53;

    private final String name;
    private final DnsRecordType type;
    private final @Nullable String resolverHost;
    private final int resolverPort;
    private final Match match;
    private final Set<String> expected;

    private DnsQuery(Builder builder) {
        this.name = builder.name;
        this.type = builder.type;
        this.resolverHost = builder.resolverHost;
        this.resolverPort = builder.resolverPort;
        this.match = builder.match;
        this.expected = Collections.unmodifiableSet(new LinkedHashSet<>(builder.expected));
    }

    /**
     * A builder for a query of {@code type} records of {@code name} (a domain name, such as
     * {@code shop.example.com}; a trailing dot is optional).
     *
     * @throws IllegalArgumentException if the name is not a domain name
     * @throws IllegalStateException if dnsjava is not on the class path
     */
    public static Builder builder(String name, DnsRecordType type) {
        OptionalLibraries.require("dnsjava", "org.xbill.DNS.SimpleResolver", "dnsjava:dnsjava", "DNS uptime targets");
        return new Builder(name, type);
    }

    /** The name asked for, lower-case, without a trailing dot. */
    public String name() {
        return name;
    }

    /** The record type asked for. */
    public DnsRecordType type() {
        return type;
    }

    /** The resolver's host (an IP address or a host name), or {@code null} for the system's first resolver. */
    public @Nullable String resolverHost() {
        return resolverHost;
    }

    /** The resolver's UDP port. */
    public int resolverPort() {
        return resolverPort;
    }

    /** How the answer is compared with {@link #expected()}. */
    public Match match() {
        return match;
    }

    /** The expected values in their canonical form, empty for {@link Match#ANY}. */
    public Set<String> expected() {
        return expected;
    }

    @Override
    public String toString() {
        return "DnsQuery{" + type + ' ' + name + ", " + match.name().toLowerCase(Locale.ROOT) + ' ' + expected + '}';
    }

    /** Builds a {@link DnsQuery}; every setter validates its argument. */
    public static final class Builder {
        private final String name;
        private final DnsRecordType type;
        private @Nullable String resolverHost;
        private int resolverPort = DEFAULT_PORT;
        private Match match = Match.ANY;
        private final LinkedHashSet<String> expected = new LinkedHashSet<>();

        private Builder(String name, DnsRecordType type) {
            this.name = DnsProbe.normalizeName("name", Objects.requireNonNull(name, "name"));
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Asks this resolver (an IP address or a host name) on {@code port} (default: the system's first resolver, port 53). */
        public Builder resolver(String host, int port) {
            Objects.requireNonNull(host, "resolver host");
            if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c > 126 || c == '/' || c == '@')) {
                throw new IllegalArgumentException("resolver host must be an IP address or a host name, such as '10.0.0.2'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("resolver port must be between 1 and 65535, was " + port);
            }
            this.resolverHost = host;
            this.resolverPort = port;
            return this;
        }

        /** The answered values must be exactly these (as a set). */
        public Builder expectExactly(String... values) {
            return expect(Match.EXACTLY, values);
        }

        /** The answered values must include all of these. */
        public Builder expectContaining(String... values) {
            return expect(Match.CONTAINING, values);
        }

        private Builder expect(Match how, String... values) {
            Objects.requireNonNull(values, "values");
            if (values.length == 0) {
                throw new IllegalArgumentException("expected values of the " + type + " query of " + name
                        + " must not be empty");
            }
            LinkedHashSet<String> normalized = new LinkedHashSet<>();
            for (String value : values) {
                normalized.add(DnsProbe.normalizeValue(type, Objects.requireNonNull(value, "expected value")));
            }
            this.match = how;
            this.expected.clear();
            this.expected.addAll(normalized);
            return this;
        }

        /** Builds the query. */
        public DnsQuery build() {
            return new DnsQuery(this);
        }
    }
}
