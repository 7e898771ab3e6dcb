package dev.monitor.jdbc;

import dev.monitor.jdbc.internal.OperationClassifier;
import java.util.Locale;
import java.util.Objects;

/**
 * What a statement does, from its leading keyword: a small fixed set, so it can tag metrics.
 * A {@code WITH} statement takes the verb of its main statement.
 */
public enum SqlOperation {
    /** {@code SELECT}, {@code WITH … SELECT}, {@code VALUES}, {@code TABLE}. */
    SELECT,
    /** {@code INSERT}, MySQL {@code REPLACE}. */
    INSERT,
    /** {@code UPDATE}. */
    UPDATE,
    /** {@code DELETE}. */
    DELETE,
    /** {@code MERGE}, {@code UPSERT}. */
    MERGE,
    /** Procedure calls: {@code CALL}, {@code EXEC}, JDBC {@code {call …}}. */
    CALL,
    /** Schema and permission changes: {@code CREATE}, {@code ALTER}, {@code DROP}, {@code TRUNCATE}, {@code GRANT}, … */
    DDL,
    /** Anything else: {@code SET}, {@code SHOW}, {@code EXPLAIN}, transaction control, … */
    OTHER;

    private static final SqlOperation[] VALUES = values();

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The lowercase name used as a metric tag, e.g. {@code select}. */
    public String tag() {
        return tag;
    }

    /**
     * The operation of a SQL statement, from its first keyword after comments and parentheses.
     *
     * @throws NullPointerException if {@code sql} is null
     */
    public static SqlOperation of(String sql) {
        Objects.requireNonNull(sql, "sql");
        return VALUES[OperationClassifier.classify(sql)];
    }
}
