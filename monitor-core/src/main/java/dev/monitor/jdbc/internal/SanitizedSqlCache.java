package dev.monitor.jdbc.internal;

/**
 * A fixed-size, two-way set-associative cache from raw SQL to its {@link SanitizedSql}. Its
 * table is allocated once and never grows, whatever the number of distinct statements; a miss
 * replaces the older entry of its set. Statements longer than {@link #MAX_CACHED_LENGTH} are
 * sanitized on every call and never held.
 *
 * <p>Thread-safe without locks: entries are immutable records, published through their final
 * fields, and a lost race only costs a second sanitization.
 */
public final class SanitizedSqlCache {

    /** Longest statement the cache holds, so that its memory stays bounded by size × this. */
    public static final int MAX_CACHED_LENGTH = 8192;

    private final SqlLexer lexer;
    private final SanitizedSql[] table;
    private final int mask;

    /** A cache of at least {@code maxEntries} entries (rounded up to a power of two). */
    public SanitizedSqlCache(SqlLexer lexer, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be greater than 0, was " + maxEntries);
        }
        this.lexer = lexer;
        int size = Math.max(2, Integer.highestOneBit(Math.max(1, maxEntries - 1)) << 1);
        this.table = new SanitizedSql[size];
        this.mask = size - 1;
    }

    /** The lexer this cache sanitizes with. */
    public SqlLexer lexer() {
        return lexer;
    }

    /** How many entries the table holds at most. */
    public int capacity() {
        return table.length;
    }

    /** The sanitized form of {@code raw}, from the cache when present. */
    public SanitizedSql get(String raw) {
        if (raw.length() > MAX_CACHED_LENGTH) {
            return SanitizedSql.of(lexer, raw);
        }
        int h = raw.hashCode();
        int set = ((h ^ (h >>> 16)) & mask) & ~1;
        SanitizedSql first = table[set];
        if (first != null && matches(first, raw)) {
            return first;
        }
        SanitizedSql second = table[set + 1];
        if (second != null && matches(second, raw)) {
            // most recently used first
            table[set + 1] = first;
            table[set] = second;
            return second;
        }
        SanitizedSql fresh = SanitizedSql.of(lexer, raw);
        table[set + 1] = first;
        table[set] = fresh;
        return fresh;
    }

    /** Whether {@code raw} is cached now; for tests. */
    public boolean contains(String raw) {
        int h = raw.hashCode();
        int set = ((h ^ (h >>> 16)) & mask) & ~1;
        SanitizedSql first = table[set];
        SanitizedSql second = table[set + 1];
        return first != null && matches(first, raw) || second != null && matches(second, raw);
    }

    /** How many entries are filled now; for tests. */
    public int filled() {
        int count = 0;
        for (SanitizedSql entry : table) {
            if (entry != null) {
                count++;
            }
        }
        return count;
    }

    private static boolean matches(SanitizedSql entry, String raw) {
        String cached = entry.raw();
        return cached == raw || cached.hashCode() == raw.hashCode() && cached.equals(raw);
    }
}
