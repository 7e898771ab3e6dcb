package dev.monitor.jdbc;

import dev.monitor.jdbc.internal.SanitizedSqlCache;
import dev.monitor.jdbc.internal.SqlLexer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites SQL so that it can be logged: every literal becomes {@code ?} (strings in every
 * quoting and escape form of the dialect, numbers, hex and bit strings, dollar quotes, typed
 * literals such as {@code DATE '…'}), comments are removed, passwords after
 * {@code IDENTIFIED BY} are hidden, {@code IN (…)} lists and multi-row {@code VALUES} collapse,
 * whitespace folds to single spaces. Identifiers and placeholders ({@code ?}, {@code ?1},
 * {@code :name}, {@code $1}, {@code @p1}) are kept.
 *
 * <pre>{@code
 * SqlSanitizer sanitizer = SqlSanitizer.forDialect(SqlDialect.POSTGRESQL).withCache(1024);
 * sanitizer.sanitize("SELECT * FROM users WHERE email = 'ann@example.com' AND id IN (1, 2, 3)");
 * // SELECT * FROM users WHERE email = ? AND id IN (?)
 * }</pre>
 *
 * <p>Fails closed: when a literal or comment is unterminated, or a string's end depends on a
 * server setting, everything after it is hidden. Runs in time linear in the statement's length.
 * Thread-safe.
 */
public final class SqlSanitizer {

    private static final SqlSanitizer[] UNCACHED = new SqlSanitizer[SqlDialect.values().length];

    static {
        for (SqlDialect dialect : SqlDialect.values()) {
            UNCACHED[dialect.ordinal()] = new SqlSanitizer(SqlLexer.of(dialect), null);
        }
    }

    private final SqlLexer lexer;
    private final @Nullable SanitizedSqlCache cache;

    private SqlSanitizer(SqlLexer lexer, @Nullable SanitizedSqlCache cache) {
        this.lexer = lexer;
        this.cache = cache;
    }

    /**
     * The uncached sanitizer of a dialect (a shared instance).
     *
     * @throws NullPointerException if {@code dialect} is null
     */
    public static SqlSanitizer forDialect(SqlDialect dialect) {
        Objects.requireNonNull(dialect, "dialect");
        return UNCACHED[dialect.ordinal()];
    }

    /**
     * A sanitizer of the same dialect with a cache keyed by the raw statement. The cache's size is
     * fixed: it holds at most {@code maxEntries} (rounded up to a power of two) statements of up to
     * 8,192 characters each, however many distinct statements it sees.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is less than 1
     */
    public SqlSanitizer withCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be greater than 0, was " + maxEntries
                    + "; use forDialect(dialect) for a sanitizer without a cache");
        }
        return new SqlSanitizer(lexer, new SanitizedSqlCache(lexer, maxEntries));
    }

    /** The dialect this sanitizer reads. */
    public SqlDialect dialect() {
        return lexer.dialect();
    }

    /**
     * {@code sql} with every literal replaced by {@code ?}; the same instance when nothing changes.
     *
     * @throws NullPointerException if {@code sql} is null
     */
    public String sanitize(String sql) {
        Objects.requireNonNull(sql, "sql");
        return cache != null ? cache.get(sql).sql() : lexer.sanitize(sql);
    }

    /**
     * A stable 16-hex-digit fingerprint of the sanitized statement: statements that differ only in
     * literals, whitespace, comments, keyword case or the length of their {@code IN} lists share it.
     *
     * @throws NullPointerException if {@code sql} is null
     */
    public String fingerprint(String sql) {
        Objects.requireNonNull(sql, "sql");
        if (cache != null) {
            return cache.get(sql).fingerprintText();
        }
        return SqlLexer.fingerprintText(SqlLexer.fingerprint(lexer.sanitize(sql)));
    }

    @Override
    public String toString() {
        return "SqlSanitizer{dialect=" + dialect() + ", cache=" + (cache == null ? "none" : cache.capacity()) + '}';
    }
}
