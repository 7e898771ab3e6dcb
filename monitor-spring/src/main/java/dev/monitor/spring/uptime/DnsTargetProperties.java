package dev.monitor.spring.uptime;

import dev.monitor.uptime.DnsQuery;
import dev.monitor.uptime.DnsRecordType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The query of a DNS uptime target, under {@code monitor.uptime.targets[i].dns} (with {@code type: dns}). Needs
 * {@code dnsjava:dnsjava} on the class path.
 */
public class DnsTargetProperties {

    /** The domain name asked for, e.g. shop.example.com. */
    private @Nullable String name;

    /** The record type asked for: A, AAAA, CNAME, MX or TXT. */
    private DnsRecordType recordType = DnsRecordType.A;

    /** The resolver asked, host or host:port (IPv6 in brackets); default the system's first resolver. */
    private @Nullable String resolver;

    /** The answered values must be exactly these, as a set (e.g. every A record of the name). */
    private List<String> expectExactly = new ArrayList<>();

    /** The answered values must include all of these; others may be answered too. */
    private List<String> expectContaining = new ArrayList<>();

    /** The query these settings describe. */
    DnsQuery toQuery() {
        DnsQuery.Builder query = DnsQuery.builder(String.valueOf(name), recordType);
        if (resolver != null && !resolver.isBlank()) {
            String text = resolver.strip();
            String host = text;
            int port = DnsQuery.DEFAULT_PORT;
            int colon = text.lastIndexOf(':');
            boolean bracketed = text.startsWith("[");
            if (bracketed ? text.contains("]:") : colon > 0 && text.indexOf(':') == colon) {
                host = text.substring(0, colon);
                try {
                    port = Integer.parseInt(text.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("dns.resolver must be a host or host:port, such as 10.0.0.2:53");
                }
            }
            query.resolver(bracketed ? host.replace("[", "").replace("]", "") : host, port);
        }
        if (!expectExactly.isEmpty() && !expectContaining.isEmpty()) {
            throw new IllegalArgumentException("dns.expect-exactly and dns.expect-containing exclude each other: set one");
        }
        if (!expectExactly.isEmpty()) {
            query.expectExactly(expectExactly.toArray(String[]::new));
        } else if (!expectContaining.isEmpty()) {
            query.expectContaining(expectContaining.toArray(String[]::new));
        }
        return query.build();
    }

    /** The name. */
    public @Nullable String getName() {
        return name;
    }

    /** Sets the name. */
    public void setName(@Nullable String name) {
        this.name = name;
    }

    /** The record type. */
    public DnsRecordType getRecordType() {
        return recordType;
    }

    /** Sets the record type. */
    public void setRecordType(DnsRecordType recordType) {
        this.recordType = recordType;
    }

    /** The resolver, or null. */
    public @Nullable String getResolver() {
        return resolver;
    }

    /** Sets the resolver. */
    public void setResolver(@Nullable String resolver) {
        this.resolver = resolver;
    }

    /** The exact values. */
    public List<String> getExpectExactly() {
        return expectExactly;
    }

    /** Sets the exact values. */
    public void setExpectExactly(List<String> expectExactly) {
        this.expectExactly = expectExactly;
    }

    /** The contained values. */
    public List<String> getExpectContaining() {
        return expectContaining;
    }

    /** Sets the contained values. */
    public void setExpectContaining(List<String> expectContaining) {
        this.expectContaining = expectContaining;
    }
}
