package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every execute path of every statement kind, against H2, is counted exactly once in
 * {@code monitor.jdbc.query}: they all pass through the one timing helper.
 */
class EveryExecutePathIsTimedTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Connection connection;

    @FunctionalInterface
    interface JdbcAction {
        void run(Connection connection) throws SQLException;
    }

    @BeforeEach
    void setUp() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:paths" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        connection = MonitoredDataSource.builder(h2).name("paths").meterRegistry(meters).build().getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        connection.close();
    }

    @Test
    void eachExecutePathOfStatementPreparedStatementAndCallableStatementIsCountedOnce() throws SQLException {
        String insert = "INSERT INTO t (v) VALUES (1)";
        Map<String, JdbcAction> paths = new LinkedHashMap<>();
        paths.put("Statement.execute(sql)", c -> statement(c).execute(insert));
        paths.put("Statement.execute(sql, keys)", c -> statement(c).execute(insert, Statement.RETURN_GENERATED_KEYS));
        paths.put("Statement.execute(sql, indexes)", c -> statement(c).execute(insert, new int[] {1}));
        paths.put("Statement.execute(sql, names)", c -> statement(c).execute(insert, new String[] {"ID"}));
        paths.put("Statement.executeQuery(sql)", c -> statement(c).executeQuery("SELECT v FROM t").close());
        paths.put("Statement.executeUpdate(sql)", c -> statement(c).executeUpdate(insert));
        paths.put("Statement.executeUpdate(sql, keys)",
                c -> statement(c).executeUpdate(insert, Statement.RETURN_GENERATED_KEYS));
        paths.put("Statement.executeUpdate(sql, indexes)", c -> statement(c).executeUpdate(insert, new int[] {1}));
        paths.put("Statement.executeUpdate(sql, names)", c -> statement(c).executeUpdate(insert, new String[] {"ID"}));
        paths.put("Statement.executeLargeUpdate(sql)", c -> statement(c).executeLargeUpdate(insert));
        paths.put("Statement.executeLargeUpdate(sql, keys)",
                c -> statement(c).executeLargeUpdate(insert, Statement.RETURN_GENERATED_KEYS));
        paths.put("Statement.executeLargeUpdate(sql, indexes)",
                c -> statement(c).executeLargeUpdate(insert, new int[] {1}));
        paths.put("Statement.executeLargeUpdate(sql, names)",
                c -> statement(c).executeLargeUpdate(insert, new String[] {"ID"}));
        paths.put("Statement.executeBatch()", c -> {
            Statement statement = statement(c);
            statement.addBatch(insert);
            statement.addBatch(insert);
            assertThat(statement.executeBatch()).containsExactly(1, 1);
        });
        paths.put("Statement.executeLargeBatch()", c -> {
            Statement statement = statement(c);
            statement.addBatch(insert);
            assertThat(statement.executeLargeBatch()).containsExactly(1L);
        });
        paths.put("PreparedStatement.execute()", c -> prepared(c, insert).execute());
        paths.put("PreparedStatement.executeQuery()", c -> prepared(c, "SELECT v FROM t").executeQuery().close());
        paths.put("PreparedStatement.executeUpdate()", c -> assertThat(prepared(c, insert).executeUpdate()).isOne());
        paths.put("PreparedStatement.executeLargeUpdate()",
                c -> assertThat(prepared(c, insert).executeLargeUpdate()).isOne());
        paths.put("PreparedStatement.executeBatch()", c -> {
            PreparedStatement prepared = prepared(c, insert);
            prepared.addBatch();
            prepared.addBatch();
            assertThat(prepared.executeBatch()).containsExactly(1, 1);
        });
        paths.put("PreparedStatement.executeLargeBatch()", c -> {
            PreparedStatement prepared = prepared(c, insert);
            prepared.addBatch();
            assertThat(prepared.executeLargeBatch()).containsExactly(1L);
        });
        paths.put("CallableStatement.execute()", c -> callable(c).execute());
        paths.put("CallableStatement.executeQuery()", c -> callable(c).executeQuery().close());
        paths.put("CallableStatement.executeUpdate()", c -> callable(c).executeUpdate());
        paths.put("CallableStatement.executeLargeUpdate()", c -> callable(c).executeLargeUpdate());

        for (Map.Entry<String, JdbcAction> path : paths.entrySet()) {
            double before = statementsCounted();
            path.getValue().run(connection);
            assertThat(statementsCounted()).as(path.getKey()).isEqualTo(before + 1);
        }
    }

    private double statementsCounted() {
        return meters.find(JdbcMeters.QUERY).functionTimers().stream().mapToDouble(FunctionTimer::count).sum();
    }

    private static Statement statement(Connection connection) throws SQLException {
        return connection.createStatement();
    }

    private static PreparedStatement prepared(Connection connection, String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    private static CallableStatement callable(Connection connection) throws SQLException {
        return connection.prepareCall("SELECT 1");
    }
}
