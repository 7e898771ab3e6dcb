package dev.monitor.health.check;

import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.config.internal.Failures;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Checks that required database tables exist and, where asked, hold a minimum number of rows:
 * catches a service pointed at an empty or un-migrated database.
 *
 * <pre>{@code
 * health.register("schema", RequiredTablesHealthCheck.builder(dataSource)
 *         .require("flyway_schema_history", 1)
 *         .require("orders")
 *         .require("billing.invoices")
 *         .build(), CheckOptions.builder().groups("startup").build());
 * }</pre>
 *
 * <p>Tables are looked up through {@link DatabaseMetaData}, in the connection's current schema
 * unless the name is qualified as {@code schema.table}; a name is matched as written, then in the
 * upper and lower case the database may have folded it to. Rows are counted with
 * {@code SELECT COUNT(*)} only for tables with a minimum, using the identifier quoting of the
 * database; names are validated as plain identifiers first, so nothing a caller passes reaches
 * SQL unchecked. Each count is bounded by the timeout (rounded up to whole seconds); metadata
 * lookups are bounded by the registry's deadline. Details: {@code required_tables},
 * {@code missing_tables}, {@code tables_below_min_rows}.
 */
public final class RequiredTablesHealthCheck implements HealthCheck {

    /** Default bound of each row count. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** Most tables one check may require; keeps the run and the message short. */
    public static final int MAX_TABLES = 50;

    private static final int MAX_IDENTIFIER_LENGTH = 128;

    private final DataSource dataSource;
    private final Map<String, Long> required;
    private final int timeoutSeconds;

    private RequiredTablesHealthCheck(Builder builder) {
        this.dataSource = builder.dataSource;
        this.required = Map.copyOf(builder.required);
        this.timeoutSeconds = ArgumentChecks.seconds(builder.timeout);
    }

    /** A builder for a check of tables reachable through {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public HealthResult check() {
        List<String> missing = new ArrayList<>();
        List<String> tooSmall = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String catalog = connection.getCatalog();
            String currentSchema = currentSchema(connection);
            for (Map.Entry<String, Long> entry : sorted(required)) {
                String name = entry.getKey();
                int dot = name.indexOf('.');
                String schema = dot >= 0 ? name.substring(0, dot) : currentSchema;
                String table = dot >= 0 ? name.substring(dot + 1) : name;
                TableRef found = find(meta, catalog, schema, table);
                if (found == null) {
                    missing.add(name);
                    continue;
                }
                long minRows = entry.getValue();
                if (minRows > 0) {
                    long rows = count(connection, meta, found);
                    if (rows < minRows) {
                        tooSmall.add(name + " (" + rows + " < " + minRows + ")");
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            return HealthResult.fail(Failures.describe(e));
        }
        CheckStatus status = missing.isEmpty() && tooSmall.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL;
        String error = null;
        if (status == CheckStatus.FAIL) {
            StringBuilder text = new StringBuilder();
            if (!missing.isEmpty()) {
                text.append("missing tables: ").append(String.join(", ", missing));
            }
            if (!tooSmall.isEmpty()) {
                text.append(text.length() > 0 ? "; " : "").append("too few rows: ").append(String.join(", ", tooSmall));
            }
            error = text.toString();
        }
        return HealthResult.builder(status)
                .detail("required_tables", required.size())
                .detail("missing_tables", missing.size())
                .detail("tables_below_min_rows", tooSmall.size())
                .error(error)
                .build();
    }

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> tables) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(tables.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    private static @Nullable String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException e) {
            return null; // driver predates JDBC 4.1 or has no schemas: search every schema
        }
    }

    private static @Nullable TableRef find(DatabaseMetaData meta, @Nullable String catalog, @Nullable String schema,
            String table) throws SQLException {
        String escape = meta.getSearchStringEscape();
        List<@Nullable String> schemas = new ArrayList<>();
        if (schema == null) {
            schemas.add(null);
        } else {
            schemas.addAll(caseVariants(schema));
        }
        for (@Nullable String schemaName : schemas) {
            for (String tableName : caseVariants(table)) {
                try (ResultSet rows = meta.getTables(catalog, schemaName == null ? null : pattern(schemaName, escape),
                        pattern(tableName, escape), null)) {
                    while (rows.next()) {
                        String foundName = rows.getString("TABLE_NAME");
                        String foundSchema = rows.getString("TABLE_SCHEM");
                        if (tableName.equals(foundName) && (schemaName == null || schemaName.equals(foundSchema))) {
                            return new TableRef(foundSchema, foundName);
                        }
                    }
                }
            }
        }
        return null;
    }

    private long count(Connection connection, DatabaseMetaData meta, TableRef table) throws SQLException {
        String quote = meta.getIdentifierQuoteString();
        String qualified = (table.schema() == null || table.schema().isEmpty() ? "" : quote(table.schema(), quote) + ".")
                + quote(table.name(), quote);
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + qualified)) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        }
    }

    /** Quotes an identifier the database returned for a validated name; embedded quotes are doubled all the same. */
    private static String quote(String identifier, @Nullable String quote) {
        if (quote == null || quote.isBlank()) {
            return identifier; // the database has no quoting; the name was validated as a plain identifier
        }
        return quote + identifier.replace(quote, quote + quote) + quote;
    }

    private static String pattern(String name, @Nullable String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '%') {
                out.append(escape);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static Set<String> caseVariants(String name) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(name);
        variants.add(name.toUpperCase(Locale.ROOT));
        variants.add(name.toLowerCase(Locale.ROOT));
        return variants;
    }

    /** A table as the database spells it. */
    private record TableRef(@Nullable String schema, String name) {
    }

    /** Builds a {@link RequiredTablesHealthCheck}. */
    public static final class Builder {
        private final DataSource dataSource;
        private final Map<String, Long> required = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Requires a table (any number of rows), named {@code table} or {@code schema.table}. */
        public Builder require(String table) {
            return require(table, 0);
        }

        /**
         * Requires a table with at least {@code minRows} rows, named {@code table} or
         * {@code schema.table}; each part a plain identifier (letters, digits, {@code _},
         * {@code $}; not starting with a digit).
         */
        public Builder require(String table, long minRows) {
            Objects.requireNonNull(table, "table");
            if (minRows < 0) {
                throw new IllegalArgumentException("minRows of table '" + ArgumentChecks.printable(table)
                        + "' must be at least 0, was " + minRows);
            }
            validateName(table);
            if (!required.containsKey(table) && required.size() >= MAX_TABLES) {
                throw new IllegalArgumentException("at most " + MAX_TABLES + " tables may be required by one check; "
                        + "register a second check for more");
            }
            required.put(table, minRows);
            return this;
        }

        /** Bound of each row count (default 1 s); rounded up to whole seconds. */
        public Builder timeout(Duration timeout) {
            this.timeout = ArgumentChecks.timeout("timeout", timeout);
            return this;
        }

        /** Builds the check. */
        public RequiredTablesHealthCheck build() {
            if (required.isEmpty()) {
                throw new IllegalArgumentException("no tables required; call require(\"table\") at least once");
            }
            return new RequiredTablesHealthCheck(this);
        }

        private static void validateName(String table) {
            int dot = table.indexOf('.');
            boolean valid = dot < 0
                    ? isIdentifier(table)
                    : table.indexOf('.', dot + 1) < 0 && isIdentifier(table.substring(0, dot))
                            && isIdentifier(table.substring(dot + 1));
            if (!valid) {
                throw new IllegalArgumentException("table must be 'table' or 'schema.table', each a plain identifier "
                        + "(letters, digits, '_' or '$', not starting with a digit, at most " + MAX_IDENTIFIER_LENGTH
                        + " characters), was '" + ArgumentChecks.printable(table) + "'");
            }
        }

        private static boolean isIdentifier(String name) {
            if (name.isEmpty() || name.length() > MAX_IDENTIFIER_LENGTH) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
                boolean other = (c >= '0' && c <= '9') || c == '$';
                if (!(letter || (i > 0 && other))) {
                    return false;
                }
            }
            return true;
        }
    }
}
