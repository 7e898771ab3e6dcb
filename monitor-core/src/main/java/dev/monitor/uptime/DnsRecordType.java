package dev.monitor.uptime;

/** The DNS record types a {@link DnsQuery} can ask for. */
public enum DnsRecordType {
    /** IPv4 addresses, compared as their canonical text ({@code 192.0.2.1}). */
    A,
    /** IPv6 addresses, compared as their canonical text ({@code 2001:db8:0:0:0:0:0:1}); expected values may be compressed. */
    AAAA,
    /** A canonical name, compared lower-case without the trailing dot ({@code shop.example.net}). */
    CNAME,
    /** Mail exchanges, compared as their host name lower-case without the trailing dot; the preference is ignored. */
    MX,
    /** Text records, each compared as its strings joined without a separator. */
    TXT
}
