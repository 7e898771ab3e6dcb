package dev.monitor.jdbc.internal;

/**
 * A raw statement with its sanitized text and fingerprint: the unit the sanitizer cache holds.
 *
 * @param raw the statement as the application passed it (never leaves the process)
 * @param sql the sanitized statement
 * @param fingerprint the 64-bit fingerprint of {@code sql}
 * @param fingerprintText {@code fingerprint} as 16 hex digits
 */
public record SanitizedSql(String raw, String sql, long fingerprint, String fingerprintText) {

    /** Sanitizes {@code raw} with {@code lexer}. */
    public static SanitizedSql of(SqlLexer lexer, String raw) {
        String sql = lexer.sanitize(raw);
        long fingerprint = SqlLexer.fingerprint(sql);
        return new SanitizedSql(raw, sql, fingerprint, SqlLexer.fingerprintText(fingerprint));
    }

    @Override
    public String toString() {
        // never print the raw statement
        return "SanitizedSql[sql=" + sql + ", fingerprint=" + fingerprintText + ']';
    }
}
