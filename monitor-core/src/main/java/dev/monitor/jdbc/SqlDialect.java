package dev.monitor.jdbc;

import java.util.Locale;
import java.util.Objects;

/**
 * The SQL dialect a {@link SqlSanitizer} lexes: it decides which quoting, escape and comment
 * forms exist. When the database is unknown, {@link #GENERIC} accepts the union of the forms
 * that cannot be confused with each other and fails closed where dialects disagree.
 */
public enum SqlDialect {

    /**
     * For an unknown database: standard SQL plus the vendor forms that cannot be confused with
     * it (dollar quotes, {@code q''}, backticks, {@code #} comments), read so that any doubt hides
     * text rather than shows it. Double-quoted text is hidden (a string in MySQL and SQLite); a
     * backslash before a quote inside a string (which ends the string in standard SQL but not in
     * MySQL), a comment opened inside a comment, {@code --} not followed by whitespace and
     * {@code //} hide the rest of the statement.
     */
    GENERIC,
    /**
     * PostgreSQL: {@code E''} escape strings, {@code U&''}, {@code B''}, {@code X''}, dollar quotes,
     * nested comments, {@code $1} placeholders. Plain strings follow
     * {@code standard_conforming_strings=on}; a backslash before a quote in a plain string hides
     * the rest of the statement, because with that setting off the string would go on.
     */
    POSTGRESQL,
    /**
     * MySQL and MariaDB: backslash escapes, double-quoted strings, backtick identifiers,
     * {@code #} comments, charset introducers such as {@code _utf8mb4'…'}. {@code --} starts a
     * comment only before whitespace (else it is shown as {@code - -}). Comments do not nest: a
     * comment opened inside a comment hides the rest.
     */
    MYSQL,
    /**
     * Oracle: {@code q'[…]'} quotes, {@code :1} and {@code :name} binds, {@code #} and {@code $} in
     * identifiers. Comments do not nest: a comment opened inside a comment hides the rest.
     */
    ORACLE,
    /** Microsoft SQL Server: bracketed identifiers, {@code @p1} parameters, {@code #temp} tables, nested comments. */
    SQLSERVER,
    /**
     * H2: standard strings, dollar quotes, {@code U&''}, backtick identifiers, {@code //} line
     * comments. A comment opened inside a comment hides the rest.
     */
    H2;

    /**
     * The dialect of a JDBC URL such as {@code jdbc:postgresql://…}; {@link #GENERIC} when the URL
     * names no known database.
     *
     * @throws NullPointerException if {@code jdbcUrl} is null
     */
    public static SqlDialect fromJdbcUrl(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        String url = jdbcUrl.trim().toLowerCase(Locale.ROOT);
        if (!url.startsWith("jdbc:")) {
            return GENERIC;
        }
        url = url.substring(5);
        // wrappers that put their own name in front of the driver's
        for (String prefix : new String[] {"p6spy:", "tc:", "log4jdbc:", "otel:", "aws-wrapper:"}) {
            if (url.startsWith(prefix)) {
                url = url.substring(prefix.length());
            }
        }
        if (url.startsWith("postgresql:") || url.startsWith("pgsql:") || url.startsWith("redshift:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("mysql:") || url.startsWith("mariadb:")) {
            return MYSQL;
        }
        if (url.startsWith("oracle:")) {
            return ORACLE;
        }
        if (url.startsWith("sqlserver:") || url.startsWith("jtds:sqlserver:")) {
            return SQLSERVER;
        }
        if (url.startsWith("h2:")) {
            return H2;
        }
        return GENERIC;
    }

    /**
     * The dialect of a {@link java.sql.DatabaseMetaData#getDatabaseProductName() database product
     * name} such as {@code PostgreSQL} or {@code Microsoft SQL Server}; {@link #GENERIC} when unknown.
     *
     * @throws NullPointerException if {@code productName} is null
     */
    public static SqlDialect fromProductName(String productName) {
        Objects.requireNonNull(productName, "productName");
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        if (name.contains("oracle")) {
            return ORACLE;
        }
        if (name.contains("sql server")) {
            return SQLSERVER;
        }
        if (name.equals("h2")) {
            return H2;
        }
        return GENERIC;
    }
}
