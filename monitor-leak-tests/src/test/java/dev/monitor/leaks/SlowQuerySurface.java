package dev.monitor.leaks;

import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.jdbc.QueryFailure;
import dev.monitor.jdbc.QueryListener;
import dev.monitor.jdbc.QueryScope;
import dev.monitor.jdbc.RepeatedQuery;
import dev.monitor.jdbc.SlowQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Slow-query and N+1 reports of {@link MonitoredDataSource} over a real H2 database, every statement slow (a 1 ns
 * threshold): string literals, block and line comments, quoted identifiers, a failing statement naming a planted table,
 * the label of a {@link QueryScope}, and the data source's name (refused unless it follows the name rule). The outputs
 * are the WARN lines (see {@link LogCapture}) and every event the listeners get.
 */
final class SlowQuerySurface implements Surface {

    /** Where the shown SQL is cut, after sanitizing and scrubbing. */
    static final int MAX_SQL = 300;

    static final Field LITERAL = Field.value("string literal").near(MAX_SQL).hidden();
    /** The sanitizer drops comments: they are planted, and must not show. */
    static final Field BLOCK_COMMENT = Field.value("block comment").near(MAX_SQL).hidden();
    static final Field LINE_COMMENT = Field.value("line comment").near(MAX_SQL).hidden();
    static final Field IDENTIFIER = Field.value("quoted identifier", MAX_SQL - "SELECT 1 AS \"".length());
    static final Field FAILING_TABLE = Field.value("table of a failing statement").near(MAX_SQL);
    static final Field SCOPE_LABEL = Field.value("query scope label (N+1)", QueryScope.MAX_LABEL_LENGTH);
    static final Field DATA_SOURCE_NAME = Field.value("data source name", 80);

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    private final MonitoredDataSource dataSource;

    SlowQuerySurface() {
        h2.setURL("jdbc:h2:mem:leaks;DB_CLOSE_DELAY=-1");
        dataSource = MonitoredDataSource.builder(h2).name("orders").slowThreshold(Duration.ofNanos(1)).maxSqlLength(MAX_SQL)
                .repeatedQueryThreshold(2).listener(new QueryListener() {
                    @Override
                    public void onSlowQuery(SlowQuery query) {
                        events.add(query.toString());
                    }

                    @Override
                    public void onQueryFailure(QueryFailure failure) {
                        events.add(failure.toString());
                    }

                    @Override
                    public void onRepeatedQuery(RepeatedQuery repeated) {
                        events.add(repeated.toString());
                    }
                }).build();
    }

    @Override
    public String name() {
        return "slow queries";
    }

    @Override
    public List<Field> fields() {
        return List.of(LITERAL, BLOCK_COMMENT, LINE_COMMENT, IDENTIFIER, FAILING_TABLE, SCOPE_LABEL, DATA_SOURCE_NAME);
    }

    @Override
    public int batchSize() {
        return 50;
    }

    @Override
    public Drive drive(List<Planting> batch) throws SQLException {
        Drive drive = new Drive();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (Planting planting : batch) {
                String text = planting.text();
                Field field = planting.field();
                try {
                    if (field == DATA_SOURCE_NAME) {
                        MonitoredDataSource.builder(h2).name(text);
                    } else if (field == SCOPE_LABEL) {
                        QueryScope scope = QueryScope.open(text);
                        try {
                            for (int i = 0; i < 3; i++) {
                                statement.executeQuery("SELECT 1 AS n").close();
                            }
                        } finally {
                            scope.close(); // the N+1 report names the scope's label
                        }
                    } else {
                        String sql = switch (planting.field().name()) {
                            case "string literal" -> "SELECT '" + text.replace("'", "''") + "' AS note";
                            case "block comment" -> "SELECT 1 /* " + text.replace("*/", "* /") + " */";
                            case "line comment" -> "SELECT 1 -- " + text.replace('\n', ' ') + "\n";
                            case "quoted identifier" -> "SELECT 1 AS \"" + text.replace("\"", "\"\"") + "\"";
                            default -> "SELECT * FROM \"" + text.replace("\"", "\"\"") + "\"";
                        };
                        try {
                            statement.executeQuery(sql).close();
                        } catch (SQLException expected) {
                            // a planted table that does not exist, or a name too long for H2: the failure path
                        }
                    }
                } catch (IllegalArgumentException refused) {
                    drive.refused(planting, refused);
                }
            }
        }
        for (String event; (event = events.poll()) != null; ) {
            drive.output("a listener event", event);
        }
        return drive;
    }
}
